package dev.tandem.chat;

import dev.tandem.cluster.VersionedEntries;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is in which room right now: a room's members are the sessions joined to it, so this lives in memory and ends
 * with the sessions. Seen markers of rooms live here too (a room has no stored members to keep them). Owned by the
 * {@link ChatService}; one lock (this object) guards it all. In a cluster this node keeps its own sessions here (the
 * ones it delivers to) and every node's in the shared {@link SharedRoom} entries, which answer who is in a room.
 */
final class ChatRooms {

    /** A room of a domain. */
    record RoomKey(String namespace, String domainId, String chatId) {}

    private final Map<RoomKey, Map<String, DomainUserView>> sessions = new HashMap<>();
    private final Map<RoomKey, Map<DomainUserId, Long>> seen = new HashMap<>();
    private final Map<String, Set<RoomKey>> bySession = new HashMap<>();

    /**
     * In a cluster, every node's joined sessions and the seen markers, by room ({@link SharedRoom}): who is in a room
     * and whether a user joins or leaves it are then the cluster's answer, not this node's. Null on a node alone.
     */
    private VersionedEntries<SharedRoom> shared;

    /** Shares the rooms' members with the other nodes of a cluster through {@code entries}. */
    synchronized void share(VersionedEntries<SharedRoom> entries) {
        this.shared = entries;
    }

    /** Users whose every session in a room was on a node that died, and the sessions still joined there. */
    interface Departures {
        void left(RoomKey room, Set<DomainUserId> users, Set<String> joined);
    }

    /**
     * A node left: its sessions leave every room they were in, and the users that leaves without a session there are
     * reported to {@code departures} (the oldest node does it for all, once).
     */
    void memberLeft(String memberId, Departures departures) {
        VersionedEntries<SharedRoom> entries;
        synchronized (this) {
            entries = shared;
        }
        if (entries == null) {
            return;
        }
        entries.whenOldest(() -> {
            for (String key : entries.keys()) {
                VersionedEntries.Change<SharedRoom> change = entries.update(key, room -> {
                    SharedRoom next = room;
                    for (Map.Entry<String, SharedRoom.Joined> e :
                            room.sessions().entrySet()) {
                        if (e.getValue().memberId().equals(memberId)) {
                            next = next.without(e.getKey());
                        }
                    }
                    return next == room ? null : next;
                });
                if (change == null) {
                    continue;
                }
                Set<DomainUserId> gone = new LinkedHashSet<>();
                change.before().sessions().values().stream()
                        .map(SharedRoom.Joined::user)
                        .filter(user -> !change.after().hasUser(user))
                        .forEach(gone::add);
                if (!gone.isEmpty()) {
                    departures.left(
                            SharedRoom.roomKey(key),
                            gone,
                            new LinkedHashSet<>(change.after().sessions().keySet()));
                }
            }
        });
    }

    /**
     * Adds the session to the room.
     *
     * @return true if the session's user had no session in the room before (the user joins)
     */
    synchronized boolean join(RoomKey room, String sessionId, DomainUserView user) {
        Map<String, DomainUserView> joined = sessions.computeIfAbsent(room, k -> new LinkedHashMap<>());
        boolean newUser =
                joined.values().stream().noneMatch(u -> DomainUserId.of(u).equals(DomainUserId.of(user)));
        joined.put(sessionId, user);
        bySession.computeIfAbsent(sessionId, k -> new LinkedHashSet<>()).add(room);
        if (shared != null) {
            DomainUserId id = DomainUserId.of(user);
            VersionedEntries.Change<SharedRoom> change = shared.update(
                    SharedRoom.key(room), r -> r.with(sessionId, new SharedRoom.Joined(shared.localMemberId(), id)));
            return !change.before().hasUser(id);
        }
        return newUser;
    }

    /**
     * Takes the session out of the room.
     *
     * @return true if that was its user's last session in the room (the user leaves); false also if it was not in
     */
    synchronized boolean leave(RoomKey room, String sessionId) {
        Map<String, DomainUserView> joined = sessions.get(room);
        DomainUserView user = joined == null ? null : joined.remove(sessionId);
        Set<RoomKey> rooms = bySession.get(sessionId);
        if (rooms != null) {
            rooms.remove(room);
            if (rooms.isEmpty()) {
                bySession.remove(sessionId);
            }
        }
        if (user == null) {
            return false;
        }
        if (shared != null) {
            if (joined.isEmpty()) {
                sessions.remove(room);
            }
            VersionedEntries.Change<SharedRoom> change = shared.update(SharedRoom.key(room), r -> r.without(sessionId));
            return change != null && !change.after().hasUser(DomainUserId.of(user));
        }
        boolean last =
                joined.values().stream().noneMatch(u -> DomainUserId.of(u).equals(DomainUserId.of(user)));
        if (joined.isEmpty()) {
            sessions.remove(room);
        }
        if (last) {
            Map<DomainUserId, Long> marks = seen.get(room);
            if (marks != null) {
                marks.remove(DomainUserId.of(user));
                if (marks.isEmpty()) {
                    seen.remove(room);
                }
            }
        }
        return last;
    }

    synchronized boolean isJoined(RoomKey room, String sessionId) {
        return sessions.getOrDefault(room, Map.of()).containsKey(sessionId);
    }

    /** The rooms the session is joined to. */
    synchronized List<RoomKey> roomsOf(String sessionId) {
        return new ArrayList<>(bySession.getOrDefault(sessionId, Set.of()));
    }

    /** The joined sessions. */
    synchronized Set<String> sessions(RoomKey room) {
        return Set.copyOf(sessions.getOrDefault(room, Map.of()).keySet());
    }

    /** The users of the joined sessions, each once, in joining order, with their seen markers. */
    synchronized List<ChatMember> members(RoomKey room) {
        if (shared != null) {
            SharedRoom entry = shared.read(SharedRoom.key(room));
            Set<DomainUserId> users = new LinkedHashSet<>();
            entry.sessions().values().forEach(j -> users.add(j.user()));
            return users.stream()
                    .map(u -> new ChatMember(u, entry.seen().getOrDefault(u, -1L)))
                    .toList();
        }
        Map<DomainUserId, Long> marks = seen.getOrDefault(room, Map.of());
        Set<DomainUserId> users = new LinkedHashSet<>();
        sessions.getOrDefault(room, Map.of()).values().forEach(u -> users.add(DomainUserId.of(u)));
        return users.stream()
                .map(u -> new ChatMember(u, marks.getOrDefault(u, -1L)))
                .toList();
    }

    /** Raises the user's seen marker (never lowers it). */
    synchronized void markSeen(RoomKey room, DomainUserId user, long eventNumber) {
        if (shared != null) {
            shared.update(SharedRoom.key(room), r -> r.withSeen(user, eventNumber));
            return;
        }
        seen.computeIfAbsent(room, k -> new HashMap<>()).merge(user, eventNumber, Math::max);
    }

    /** Forgets the room (it was removed); returns the sessions that were joined. */
    synchronized Set<String> remove(RoomKey room) {
        Map<String, DomainUserView> joined = sessions.remove(room);
        seen.remove(room);
        if (shared != null) {
            shared.update(
                    SharedRoom.key(room),
                    r -> r.sessions().isEmpty() ? null : new SharedRoom(r.version(), Map.of(), Map.of()));
        }
        if (joined == null) {
            return Set.of();
        }
        for (String sessionId : joined.keySet()) {
            Set<RoomKey> rooms = bySession.get(sessionId);
            if (rooms != null) {
                rooms.remove(room);
                if (rooms.isEmpty()) {
                    bySession.remove(sessionId);
                }
            }
        }
        return Set.copyOf(joined.keySet());
    }
}

package dev.tandem.chat;

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
 * {@link ChatService}; one lock (this object) guards it all.
 */
final class ChatRooms {

    /** A room of a domain. */
    record RoomKey(String namespace, String domainId, String chatId) {}

    private final Map<RoomKey, Map<String, DomainUserView>> sessions = new HashMap<>();
    private final Map<RoomKey, Map<DomainUserId, Long>> seen = new HashMap<>();
    private final Map<String, Set<RoomKey>> bySession = new HashMap<>();

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
        Map<DomainUserId, Long> marks = seen.getOrDefault(room, Map.of());
        Set<DomainUserId> users = new LinkedHashSet<>();
        sessions.getOrDefault(room, Map.of()).values().forEach(u -> users.add(DomainUserId.of(u)));
        return users.stream()
                .map(u -> new ChatMember(u, marks.getOrDefault(u, -1L)))
                .toList();
    }

    /** Raises the user's seen marker (never lowers it). */
    synchronized void markSeen(RoomKey room, DomainUserId user, long eventNumber) {
        seen.computeIfAbsent(room, k -> new HashMap<>()).merge(user, eventNumber, Math::max);
    }

    /** Forgets the room (it was removed); returns the sessions that were joined. */
    synchronized Set<String> remove(RoomKey room) {
        Map<String, DomainUserView> joined = sessions.remove(room);
        seen.remove(room);
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

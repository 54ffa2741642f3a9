package dev.tandem.chat;

import dev.tandem.cluster.VersionedEntries;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A chat room's members as the nodes of a cluster share them: each joined session with its node and user, in joining
 * order, and the seen marker of each user. Stored as JSON text in the shared directory ({@link ChatRooms}); a removed
 * room, or one whose last session left, keeps a tombstone for a while.
 */
record SharedRoom(long version, Map<String, Joined> sessions, Map<DomainUserId, Long> seen)
        implements VersionedEntries.Versioned<SharedRoom> {

    /** A joined session: the node it is connected to and its user. */
    record Joined(String memberId, DomainUserId user) {}

    static final SharedRoom ABSENT = new SharedRoom(0, Map.of(), Map.of());

    SharedRoom {
        sessions = Collections.unmodifiableMap(new LinkedHashMap<>(sessions));
        seen = Collections.unmodifiableMap(new LinkedHashMap<>(seen));
    }

    boolean hasUser(DomainUserId user) {
        return sessions.values().stream().anyMatch(j -> j.user().equals(user));
    }

    SharedRoom with(String sessionId, Joined joined) {
        Map<String, Joined> next = new LinkedHashMap<>(sessions);
        next.put(sessionId, joined);
        return new SharedRoom(version, next, seen);
    }

    /** Without the session; its user's seen marker goes with the user's last session, as on one node. */
    SharedRoom without(String sessionId) {
        Joined gone = sessions.get(sessionId);
        if (gone == null) {
            return null;
        }
        Map<String, Joined> next = new LinkedHashMap<>(sessions);
        next.remove(sessionId);
        Map<DomainUserId, Long> marks = new LinkedHashMap<>(seen);
        if (next.values().stream().noneMatch(j -> j.user().equals(gone.user()))) {
            marks.remove(gone.user());
        }
        return new SharedRoom(version, next, marks);
    }

    SharedRoom withSeen(DomainUserId user, long eventNumber) {
        Long was = seen.get(user);
        if (was != null && was >= eventNumber) {
            return null;
        }
        Map<DomainUserId, Long> marks = new LinkedHashMap<>(seen);
        marks.put(user, eventNumber);
        return new SharedRoom(version, sessions, marks);
    }

    @Override
    public boolean tombstone() {
        return sessions.isEmpty();
    }

    @Override
    public SharedRoom at(long nextVersion, long now) {
        return new SharedRoom(nextVersion, sessions, seen);
    }

    @Override
    public String toJson() {
        JsonObjectBuilder joined = Json.createObjectBuilder();
        sessions.forEach((id, j) -> joined.add(
                id,
                Json.createArrayBuilder()
                        .add(j.memberId())
                        .add(j.user().type().name())
                        .add(j.user().username())));
        var marks = Json.createArrayBuilder();
        seen.forEach((user, n) -> marks.add(Json.createArrayBuilder()
                .add(user.type().name())
                .add(user.username())
                .add(n)));
        return Json.createObjectBuilder()
                .add("v", version)
                .add("sessions", joined)
                .add("seen", marks)
                .build()
                .toString();
    }

    static SharedRoom parse(String json) {
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            o = reader.readObject();
        }
        Map<String, Joined> sessions = new LinkedHashMap<>();
        o.getJsonObject("sessions").forEach((id, v) -> {
            JsonArray a = v.asJsonArray();
            sessions.put(
                    id, new Joined(a.getString(0), new DomainUserId(UserType.valueOf(a.getString(1)), a.getString(2))));
        });
        Map<DomainUserId, Long> seen = new LinkedHashMap<>();
        for (var v : o.getJsonArray("seen")) {
            JsonArray a = v.asJsonArray();
            seen.put(
                    new DomainUserId(UserType.valueOf(a.getString(0)), a.getString(1)),
                    a.getJsonNumber(2).longValue());
        }
        return new SharedRoom(o.getJsonNumber("v").longValueExact(), sessions, seen);
    }

    /** The room a {@link #key} names. */
    static ChatRooms.RoomKey roomKey(String key) {
        try (JsonReader reader = Json.createReader(new StringReader(key))) {
            JsonArray parts = reader.readArray();
            return new ChatRooms.RoomKey(parts.getString(0), parts.getString(1), parts.getString(2));
        }
    }

    static String key(ChatRooms.RoomKey room) {
        return Json.createArrayBuilder()
                .add(room.namespace())
                .add(room.domainId())
                .add(room.chatId())
                .build()
                .toString();
    }
}

package dev.tandem.presence;

import dev.tandem.cluster.VersionedEntries;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One user's presence as the cluster shares it, the value of the user's entry in the shared directory: which sessions
 * the user has connected (and on which member each one is), the user's state, and a version that every change
 * advances. Stored as JSON text, so that the data grid holds plain strings and needs none of Tandem's classes.
 *
 * <p>A user without sessions or state keeps a small entry (a tombstone) for a while, so that the version never goes
 * back (see {@link VersionedEntries}): a member reads the versions of the changes it receives to put them in order,
 * and drops any older than what it already showed.
 *
 * @param version  advances with every change; a member shows a change only if it is newer than what it showed
 * @param sessions the user's connected sessions, session id → the member it is connected to, in connection order
 * @param state    the user's state, in the order its keys were first set
 * @param changedAt when this version was written (milliseconds), to expire tombstones
 */
record SharedUser(long version, Map<String, String> sessions, Map<String, JsonValue> state, long changedAt)
        implements VersionedEntries.Versioned<SharedUser> {

    SharedUser {
        sessions = Collections.unmodifiableMap(new LinkedHashMap<>(sessions));
        state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
    }

    /** A user nobody has seen: version 0, no sessions, no state. */
    static final SharedUser ABSENT = new SharedUser(0, Map.of(), Map.of(), 0);

    boolean available() {
        return !sessions.isEmpty();
    }

    /** Neither connected nor holding state: the entry is a tombstone. */
    boolean empty() {
        return sessions.isEmpty() && state.isEmpty();
    }

    UserPresence presence(DomainUserId user) {
        return new UserPresence(user, available(), state);
    }

    SharedUser withSession(String sessionId, String memberId) {
        Map<String, String> next = new LinkedHashMap<>(sessions);
        next.put(sessionId, memberId);
        return new SharedUser(version, next, state, changedAt);
    }

    /** Without the session; the state ends with the user's last session, as on one node. */
    SharedUser withoutSession(String sessionId) {
        Map<String, String> next = new LinkedHashMap<>(sessions);
        next.remove(sessionId);
        return new SharedUser(version, next, next.isEmpty() ? Map.of() : state, changedAt);
    }

    /** Without every session connected to {@code memberId} (a member that left). */
    SharedUser withoutMember(String memberId) {
        Map<String, String> next = new LinkedHashMap<>(sessions);
        next.values().removeIf(memberId::equals);
        return new SharedUser(version, next, next.isEmpty() ? Map.of() : state, changedAt);
    }

    SharedUser withState(Map<String, JsonValue> nextState) {
        return new SharedUser(version, sessions, nextState, changedAt);
    }

    @Override
    public boolean tombstone() {
        return empty();
    }

    @Override
    public SharedUser at(long nextVersion, long now) {
        return new SharedUser(nextVersion, sessions, state, now);
    }

    @Override
    public String toJson() {
        JsonObjectBuilder sessionsJson = Json.createObjectBuilder();
        sessions.forEach(sessionsJson::add);
        JsonObjectBuilder stateJson = Json.createObjectBuilder();
        state.forEach(stateJson::add);
        return Json.createObjectBuilder()
                .add("v", version)
                .add("sessions", sessionsJson)
                .add("state", stateJson)
                .add("at", changedAt)
                .build()
                .toString();
    }

    static SharedUser parse(String json) {
        JsonObject o = read(json).asJsonObject();
        Map<String, String> sessions = new LinkedHashMap<>();
        o.getJsonObject("sessions")
                .forEach((id, member) -> sessions.put(id, ((jakarta.json.JsonString) member).getString()));
        return new SharedUser(
                o.getJsonNumber("v").longValueExact(),
                sessions,
                new LinkedHashMap<>(o.getJsonObject("state")),
                o.getJsonNumber("at").longValueExact());
    }

    /** The directory key of a user of a domain: a JSON array, so that no name can run into the next. */
    static String key(String namespace, String domainId, DomainUserId user) {
        return Json.createArrayBuilder()
                .add(namespace)
                .add(domainId)
                .add(user.type().name())
                .add(user.username())
                .build()
                .toString();
    }

    /** The parts of a {@link #key}, or null when {@code key} is not one. */
    static Key parseKey(String key) {
        try {
            JsonArray parts = read(key).asJsonArray();
            if (parts.size() != 4) {
                return null;
            }
            return new Key(
                    parts.getString(0),
                    parts.getString(1),
                    new DomainUserId(
                            UserType.valueOf(parts.getString(2).toUpperCase(Locale.ROOT)), parts.getString(3)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    record Key(String namespace, String domainId, DomainUserId user) {}

    static JsonValue read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}

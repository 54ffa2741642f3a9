package dev.tandem.activity;

import dev.tandem.cluster.VersionedEntries;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One live activity as the nodes of a cluster share it, the value of its entry in the shared directory: its members
 * (each with the node its session is connected to, its user, whether it lurks, its resolved permissions and its
 * state), the activity's stored facts a member needs (ephemeral, created), and a version that every change advances.
 * Stored as JSON text, so the data grid holds plain strings.
 *
 * <p>A deleted activity keeps a small entry (a tombstone, {@code deleted}) so that versions never go back; so does one
 * whose last member left. {@code forced} names the sessions the change that wrote this version forced out, and why,
 * so that their nodes can tell them.
 */
record SharedActivity(
        long version,
        boolean ephemeral,
        Instant created,
        boolean deleted,
        List<Member> members,
        Map<String, String> forced,
        long changedAt)
        implements VersionedEntries.Versioned<SharedActivity> {

    /** One joined session. */
    record Member(
            String sessionId,
            String memberId,
            DomainUserView user,
            boolean lurking,
            Set<ActivityPermission> permissions,
            Map<String, JsonValue> state) {

        Member {
            permissions = permissions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
            state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
        }

        boolean canView() {
            return permissions.contains(ActivityPermission.VIEW_STATE);
        }

        Member withState(Map<String, JsonValue> next) {
            return new Member(sessionId, memberId, user, lurking, permissions, next);
        }

        Member withPermissions(Set<ActivityPermission> next) {
            return new Member(sessionId, memberId, user, lurking, next, state);
        }
    }

    SharedActivity {
        members = List.copyOf(members);
        forced = Map.copyOf(forced);
    }

    static final SharedActivity ABSENT = new SharedActivity(0, false, Instant.EPOCH, false, List.of(), Map.of(), 0);

    Member member(String sessionId) {
        for (Member m : members) {
            if (m.sessionId().equals(sessionId)) {
                return m;
            }
        }
        return null;
    }

    /** With {@code member} in place of the session's old entry (keeping its place), or last if it had none. */
    SharedActivity with(Member member, boolean ephemeral, Instant created) {
        List<Member> next = new ArrayList<>(deleted ? List.of() : members);
        int at = indexOf(next, member.sessionId());
        if (at >= 0) {
            next.set(at, member);
        } else {
            next.add(member);
        }
        boolean fresh = deleted || members.isEmpty();
        return new SharedActivity(
                version,
                fresh ? ephemeral : this.ephemeral,
                fresh ? created : this.created,
                false,
                next,
                Map.of(),
                changedAt);
    }

    /** With the session's entry changed by {@code change}; {@code null} if the session is not a member. */
    SharedActivity changing(String sessionId, UnaryOperator<Member> change) {
        List<Member> next = new ArrayList<>(members);
        int at = indexOf(next, sessionId);
        if (at < 0) {
            return null;
        }
        next.set(at, change.apply(next.get(at)));
        return new SharedActivity(version, ephemeral, created, deleted, next, Map.of(), changedAt);
    }

    /** Without the sessions {@code gone} names, which are told {@code forced} reasons (none for a plain leave). */
    SharedActivity without(Set<String> gone, Map<String, String> forcedReasons) {
        List<Member> next = new ArrayList<>(members);
        next.removeIf(m -> gone.contains(m.sessionId()));
        return new SharedActivity(version, ephemeral, created, deleted, next, forcedReasons, changedAt);
    }

    SharedActivity withMembers(List<Member> next) {
        return new SharedActivity(version, ephemeral, created, deleted, next, Map.of(), changedAt);
    }

    SharedActivity asDeleted() {
        return new SharedActivity(version, ephemeral, created, true, List.of(), Map.of(), changedAt);
    }

    @Override
    public boolean tombstone() {
        return !live();
    }

    @Override
    public SharedActivity at(long nextVersion, long now) {
        return new SharedActivity(nextVersion, ephemeral, created, deleted, members, forced, now);
    }

    /** Live: has members. */
    boolean live() {
        return !deleted && !members.isEmpty();
    }

    private static int indexOf(List<Member> members, String sessionId) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).sessionId().equals(sessionId)) {
                return i;
            }
        }
        return -1;
    }

    // --- JSON ---

    @Override
    public String toJson() {
        JsonArrayBuilder ms = Json.createArrayBuilder();
        for (Member m : members) {
            JsonArrayBuilder perms = Json.createArrayBuilder();
            m.permissions().forEach(p -> perms.add(p.name()));
            JsonObjectBuilder state = Json.createObjectBuilder();
            m.state().forEach(state::add);
            ms.add(Json.createObjectBuilder()
                    .add("session", m.sessionId())
                    .add("member", m.memberId())
                    .add("user", user(m.user()))
                    .add("lurking", m.lurking())
                    .add("permissions", perms)
                    .add("state", state));
        }
        JsonObjectBuilder forcedJson = Json.createObjectBuilder();
        forced.forEach(forcedJson::add);
        return Json.createObjectBuilder()
                .add("v", version)
                .add("ephemeral", ephemeral)
                .add("created", created.toString())
                .add("deleted", deleted)
                .add("members", ms)
                .add("forced", forcedJson)
                .add("at", changedAt)
                .build()
                .toString();
    }

    static SharedActivity parse(String json) {
        JsonObject o = read(json).asJsonObject();
        List<Member> members = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("members")) {
            JsonObject m = v.asJsonObject();
            Set<ActivityPermission> perms = EnumSet.noneOf(ActivityPermission.class);
            m.getJsonArray("permissions")
                    .getValuesAs(jakarta.json.JsonString.class)
                    .forEach(p -> perms.add(ActivityPermission.valueOf(p.getString())));
            members.add(new Member(
                    m.getString("session"),
                    m.getString("member"),
                    user(m.getJsonObject("user")),
                    m.getBoolean("lurking"),
                    perms,
                    new LinkedHashMap<>(m.getJsonObject("state"))));
        }
        Map<String, String> forced = new LinkedHashMap<>();
        o.getJsonObject("forced").forEach((k, v) -> forced.put(k, ((jakarta.json.JsonString) v).getString()));
        return new SharedActivity(
                o.getJsonNumber("v").longValueExact(),
                o.getBoolean("ephemeral"),
                Instant.parse(o.getString("created")),
                o.getBoolean("deleted"),
                members,
                forced,
                o.getJsonNumber("at").longValueExact());
    }

    private static JsonObjectBuilder user(DomainUserView user) {
        JsonObjectBuilder out =
                Json.createObjectBuilder().add("type", user.type().name()).add("username", user.username());
        if (user.displayName() != null) out.add("displayName", user.displayName());
        if (user.firstName() != null) out.add("firstName", user.firstName());
        if (user.lastName() != null) out.add("lastName", user.lastName());
        if (user.email() != null) out.add("email", user.email());
        return out;
    }

    private static DomainUserView user(JsonObject o) {
        return new DomainUserView(
                UserType.valueOf(o.getString("type")),
                o.getString("username"),
                o.getString("displayName", null),
                o.getString("firstName", null),
                o.getString("lastName", null),
                o.getString("email", null));
    }

    /** The directory key of an activity of a domain: a JSON array, so that no name runs into the next. */
    static String key(String namespace, String domainId, ActivityId id) {
        return Json.createArrayBuilder()
                .add("activity")
                .add(namespace)
                .add(domainId)
                .add(id.type())
                .add(id.id())
                .build()
                .toString();
    }

    /** The parts of a {@link #key}, or null when {@code key} is not one. */
    static Key parseKey(String key) {
        try {
            var parts = read(key).asJsonArray();
            if (parts.size() != 5 || !"activity".equals(parts.getString(0))) {
                return null;
            }
            return new Key(
                    parts.getString(1), parts.getString(2), new ActivityId(parts.getString(3), parts.getString(4)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    record Key(String namespace, String domainId, ActivityId id) {}

    static JsonValue read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}

package dev.tandem.interfaces.rest.domain;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import dev.tandem.interfaces.rest.InvalidRequestException;
import dev.tandem.interfaces.rest.Views;
import dev.tandem.model.CollectionPermissions;
import dev.tandem.model.ModelCollection;
import dev.tandem.model.ModelPermissions;
import dev.tandem.model.ModelService.ModelMetadata;
import dev.tandem.model.ModelState;
import dev.tandem.model.SnapshotPolicy;
import dev.tandem.model.query.QueryableData;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of collections, models and their permissions, with Convergence's field names (its
 * {@code CollectionData}, {@code ModelData}, {@code ModelPermissions}, {@code ModelSnapshotPolicyData}). Times are
 * epoch milliseconds; model data is plain JSON, dates as {@code {"$$convergence_type":"date","date":<millis>}}.
 */
final class ModelRestData {

    private ModelRestData() {}

    /** A model permission set; all four are required. */
    public static class PermissionsData {
        @NotNull
        public Boolean read;

        @NotNull
        public Boolean write;

        @NotNull
        public Boolean remove;

        @NotNull
        public Boolean manage;

        ModelPermissions toPermissions() {
            return new ModelPermissions(read, write, remove, manage);
        }
    }

    /** A collection permission set: a model's, plus {@code create}. */
    public static class CollectionPermissionsData extends PermissionsData {
        @NotNull
        public Boolean create;

        CollectionPermissions toCollectionPermissions() {
            return new CollectionPermissions(create, read, write, remove, manage);
        }
    }

    /** Convergence's ModelSnapshotPolicyData; intervals of time in milliseconds. */
    public static class SnapshotPolicyData {
        @NotNull
        public Boolean snapshotsEnabled;

        @NotNull
        public Boolean triggerByVersion;

        @NotNull
        @Min(0)
        @Max(Integer.MAX_VALUE)
        public Long maximumVersionInterval;

        @NotNull
        public Boolean limitByVersion;

        @NotNull
        @Min(0)
        @Max(Integer.MAX_VALUE)
        public Long minimumVersionInterval;

        @NotNull
        public Boolean triggerByTime;

        @NotNull
        @Min(0)
        @Max(Long.MAX_VALUE / 1_000_000)
        public Long maximumTimeInterval;

        @NotNull
        public Boolean limitByTime;

        @NotNull
        @Min(0)
        @Max(Long.MAX_VALUE / 1_000_000)
        public Long minimumTimeInterval;

        SnapshotPolicy toPolicy() {
            return new SnapshotPolicy(
                    snapshotsEnabled,
                    triggerByVersion,
                    maximumVersionInterval,
                    limitByVersion,
                    minimumVersionInterval,
                    triggerByTime,
                    Duration.ofMillis(maximumTimeInterval),
                    limitByTime,
                    Duration.ofMillis(minimumTimeInterval));
        }
    }

    static Map<String, Object> permissions(ModelPermissions p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("read", p.read());
        view.put("write", p.write());
        view.put("remove", p.remove());
        view.put("manage", p.manage());
        return view;
    }

    static Map<String, Object> collectionPermissions(CollectionPermissions p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("read", p.read());
        view.put("write", p.write());
        view.put("remove", p.remove());
        view.put("manage", p.manage());
        view.put("create", p.create());
        return view;
    }

    static Map<String, Object> snapshotPolicy(SnapshotPolicy p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("snapshotsEnabled", p.snapshotsEnabled());
        view.put("triggerByVersion", p.triggerByVersion());
        view.put("maximumVersionInterval", p.maximumVersionInterval());
        view.put("limitByVersion", p.limitedByVersion());
        view.put("minimumVersionInterval", p.minimumVersionInterval());
        view.put("triggerByTime", p.triggerByTime());
        view.put("maximumTimeInterval", p.maximumTimeInterval().toMillis());
        view.put("limitByTime", p.limitedByTime());
        view.put("minimumTimeInterval", p.minimumTimeInterval().toMillis());
        return view;
    }

    /**
     * A user id as Convergence's REST API writes it: the username of a normal user, {@code type:username} for
     * others.
     */
    static String userId(DomainUserId user) {
        return user.type() == UserType.NORMAL
                ? user.username()
                : user.type().name().toLowerCase(Locale.ROOT) + ":" + user.username();
    }

    /** A collection with its permissions and its snapshot policy (the domain's unless it overrides it). */
    static Map<String, Object> collection(ModelCollection c, SnapshotPolicy domainPolicy) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", c.id());
        view.put("description", c.description());
        view.put("worldPermissions", collectionPermissions(c.world()));
        view.put("userPermissions", collectionUsers(c.users()));
        view.put("overrideSnapshotPolicy", c.snapshotPolicy() != null);
        view.put("snapshotPolicy", snapshotPolicy(c.snapshotPolicy() != null ? c.snapshotPolicy() : domainPolicy));
        return view;
    }

    static Map<String, Object> collectionUsers(Map<DomainUserId, CollectionPermissions> users) {
        Map<String, Object> view = new LinkedHashMap<>();
        users.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(DomainUserId::username)))
                .forEach(e -> view.put(userId(e.getKey()), collectionPermissions(e.getValue())));
        return view;
    }

    /** Per-user model permissions as Convergence lists them: {@code [{userId, permissions}]}. */
    static List<Map<String, Object>> modelUsers(Map<DomainUserId, ModelPermissions> users) {
        List<Map<String, Object>> view = new ArrayList<>();
        users.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(DomainUserId::username)))
                .forEach(e -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("userId", userId(e.getKey()));
                    entry.put("permissions", permissions(e.getValue()));
                    view.add(entry);
                });
        return view;
    }

    /** Per-user collection entries of a request body; each entry must be complete. */
    static Map<DomainUserId, CollectionPermissions> parseCollectionUsers(Map<String, CollectionPermissionsData> users) {
        Map<DomainUserId, CollectionPermissions> result = new LinkedHashMap<>();
        if (users == null) {
            return result;
        }
        users.forEach((username, p) -> {
            if (username.isBlank()
                    || p == null
                    || p.create == null
                    || p.read == null
                    || p.write == null
                    || p.remove == null
                    || p.manage == null) {
                throw new InvalidRequestException(
                        "userPermissions", "userPermissions must map usernames to complete permission sets");
            }
            result.put(DomainUserId.normal(username), p.toCollectionPermissions());
        });
        return result;
    }

    /** Per-user model entries of a request body; each entry must be complete. */
    static Map<DomainUserId, ModelPermissions> parseModelUsers(Map<String, PermissionsData> users) {
        Map<DomainUserId, ModelPermissions> result = new LinkedHashMap<>();
        if (users == null) {
            return result;
        }
        users.forEach((username, p) -> {
            if (username.isBlank()
                    || p == null
                    || p.read == null
                    || p.write == null
                    || p.remove == null
                    || p.manage == null) {
                throw new InvalidRequestException(
                        "userPermissions", "userPermissions must map usernames to complete permission sets");
            }
            result.put(DomainUserId.normal(username), p.toPermissions());
        });
        return result;
    }

    /** Convergence's ModelMetaDataResponse. */
    static Map<String, Object> metadata(ModelMetadata m) {
        return metadata(m.modelId(), m.collectionId(), m.version(), m.createdAt(), m.modifiedAt());
    }

    /** Convergence's ModelData (with {@code data}) or ModelMetaDataResponse (without). */
    static Map<String, Object> model(ModelState state, boolean withData) {
        Map<String, Object> view =
                metadata(state.modelId(), state.collectionId(), state.version(), state.createdAt(), state.modifiedAt());
        if (withData) {
            view.put("data", QueryableData.of(state.data()).json());
        }
        return view;
    }

    static Map<String, Object> metadata(
            String id, String collection, long version, java.time.Instant created, java.time.Instant modified) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("collection", collection);
        view.put("version", version);
        view.put("createdTime", Views.millis(created));
        view.put("modifiedTime", Views.millis(modified));
        return view;
    }
}

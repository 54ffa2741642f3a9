package dev.tandem.activity;

import dev.tandem.admin.AdminException;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.Grants;
import dev.tandem.identity.UserType;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Activities as the admin API manages them: listing with the sessions joined now (the store's rows with the
 * service's live activities), creation, deletion and permission entries. Every change acts as the caller's domain
 * administrator (a {@code CONVERGENCE} user, who holds every activity permission) through {@link ActivityService},
 * exactly as a client's permission and delete requests do: a session whose user loses {@code join} is forced to
 * leave, a deleted activity's participants are told. Refusals are {@link AdminException}s.
 */
@ApplicationScoped
public class ActivityAdministration {

    /** The session id the admin API acts with; it never joins an activity. */
    static final String SESSION_ID = "admin-api";

    @Inject
    ActivityService activities;

    @Inject
    ActivityStore store;

    /**
     * A page of the domain's activities whose type and id contain {@code type} and {@code id} ignoring case
     * ({@code null}: all), by type and id, each with the sessions joined now; with {@code liveOnly}, only those that
     * have sessions.
     */
    public ActivityStore.Listing list(Domain domain, String type, String id, boolean liveOnly, long offset, int limit) {
        Map<ActivityId, ActivitySummary> live = activities.liveSummaries(domain.getNamespaceId(), domain.getDomainId());
        if (liveOnly) {
            List<ActivitySummary> matching = live.values().stream()
                    .filter(a -> contains(a.id().type(), type) && contains(a.id().id(), id))
                    .sorted(Comparator.comparing((ActivitySummary a) -> a.id().type())
                            .thenComparing(a -> a.id().id()))
                    .toList();
            return new ActivityStore.Listing(
                    matching.stream().skip(offset).limit(limit).toList(), matching.size());
        }
        ActivityStore.Listing stored = store.list(domainRef(domain), type, id, offset, limit);
        return new ActivityStore.Listing(
                stored.activities().stream()
                        .map(a -> live.getOrDefault(a.id(), a))
                        .toList(),
                stored.total());
    }

    /** The activity with the sessions joined now. */
    public ActivitySummary get(Domain domain, String type, String id) throws AdminException {
        ActivityId activityId = id(type, id);
        ActivitySummary live = activities
                .liveSummaries(domain.getNamespaceId(), domain.getDomainId())
                .get(activityId);
        if (live != null) {
            return live;
        }
        return store.find(domainRef(domain), activityId)
                .map(info -> new ActivitySummary(activityId, info.ephemeral(), info.created(), List.of()))
                .orElseThrow(() -> notFound(activityId));
    }

    /** Creates a (non-ephemeral) activity with these permission entries. */
    public void create(Domain domain, String admin, String type, String id, Grants<ActivityPermission> grants)
            throws AdminException {
        ActivityId activityId = id(type, id);
        activities.create(session(domain, admin), activityId, ActivityPermissions.of(grants));
    }

    /** Deletes the activity; its participants are told. */
    public void delete(Domain domain, String admin, String type, String id) throws AdminException {
        ActivityId activityId = id(type, id);
        activities.delete(session(domain, admin), activityId);
    }

    public Grants<ActivityPermission> permissions(Domain domain, String admin, String type, String id)
            throws AdminException {
        ActivityId activityId = id(type, id);
        return activities.permissions(session(domain, admin), activityId).grants();
    }

    /** Changes the permission entries; sessions whose users lose {@code join} are forced to leave. */
    public void changePermissions(
            Domain domain, String admin, String type, String id, UnaryOperator<Grants<ActivityPermission>> change)
            throws AdminException {
        ActivityId activityId = id(type, id);
        activities.changePermissions(session(domain, admin), activityId, change);
    }

    private String domainRef(Domain domain) {
        return activities.domainRef(domain.getNamespaceId(), domain.getDomainId());
    }

    private static boolean contains(String value, String part) {
        return part == null || value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static ActivityId id(String type, String id) throws AdminException {
        try {
            return ActivityId.of(type, id);
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid("activityId", e.getMessage());
        }
    }

    private static ActivitySession session(Domain domain, String admin) {
        // Nothing an activity tells its participants names who changed it, so the administrator needs no user row.
        return new ActivitySession(
                domain.getNamespaceId(),
                domain.getDomainId(),
                new DomainUserView(UserType.CONVERGENCE, admin, admin, null, null, null),
                SESSION_ID);
    }

    private static AdminException notFound(ActivityId id) {
        return AdminException.notFound("activity", id.toString());
    }
}

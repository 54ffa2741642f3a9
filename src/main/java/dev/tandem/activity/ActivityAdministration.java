package dev.tandem.activity;

import dev.tandem.admin.AdminException;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.Grants;
import dev.tandem.identity.UserType;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.UnaryOperator;

/**
 * Activities as the admin API manages them: listing with the sessions joined now, creation, deletion and permission
 * entries. Every change acts as the caller's domain administrator (a {@code CONVERGENCE} user, who holds every
 * activity permission) through {@link ActivityService}, exactly as a client's permission and delete requests do: a
 * session whose user loses {@code join} is forced to leave, a deleted activity's participants are told. Refusals are
 * {@link AdminException}s.
 */
@ApplicationScoped
public class ActivityAdministration {

    /** The session id the admin API acts with; it never joins an activity. */
    static final String SESSION_ID = "admin-api";

    @Inject
    ActivityService activities;

    /** See {@link ActivityService#list}. */
    public ActivityStore.Listing list(Domain domain, String type, String id, boolean liveOnly, long offset, int limit) {
        return activities.list(domain.getNamespaceId(), domain.getDomainId(), type, id, liveOnly, offset, limit);
    }

    public ActivitySummary get(Domain domain, String type, String id) throws AdminException {
        ActivityId activityId = id(type, id);
        return activities
                .summary(domain.getNamespaceId(), domain.getDomainId(), activityId)
                .orElseThrow(() -> notFound(activityId));
    }

    /** Creates a (non-ephemeral) activity with these permission entries. */
    public void create(Domain domain, String admin, String type, String id, Grants<ActivityPermission> grants)
            throws AdminException {
        ActivityId activityId = id(type, id);
        try {
            activities.create(session(domain, admin), activityId, ActivityPermissions.of(grants));
        } catch (ActivityException e) {
            throw refusal(e, activityId);
        }
    }

    /** Deletes the activity; its participants are told. */
    public void delete(Domain domain, String admin, String type, String id) throws AdminException {
        ActivityId activityId = id(type, id);
        try {
            activities.delete(session(domain, admin), activityId);
        } catch (ActivityException e) {
            throw refusal(e, activityId);
        }
    }

    public Grants<ActivityPermission> permissions(Domain domain, String admin, String type, String id)
            throws AdminException {
        ActivityId activityId = id(type, id);
        try {
            return activities.permissions(session(domain, admin), activityId).grants();
        } catch (ActivityException e) {
            throw refusal(e, activityId);
        }
    }

    /** Changes the permission entries; sessions whose users lose {@code join} are forced to leave. */
    public void changePermissions(
            Domain domain, String admin, String type, String id, UnaryOperator<Grants<ActivityPermission>> change)
            throws AdminException {
        ActivityId activityId = id(type, id);
        try {
            activities.changePermissions(session(domain, admin), activityId, change);
        } catch (ActivityException e) {
            throw refusal(e, activityId);
        }
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

    private static AdminException refusal(ActivityException e, ActivityId id) {
        return switch (e.activityReason()) {
            case NOT_FOUND -> notFound(id);
            case ALREADY_EXISTS -> AdminException.duplicate("id", id.toString());
            case INVALID -> new AdminException(AdminException.Kind.INVALID, "invalid_value", e.getMessage(), null);
            case UNAUTHORIZED -> AdminException.forbidden(e.getMessage());
            case NOT_JOINED -> AdminException.conflict(e.code(), e.getMessage());
        };
    }
}

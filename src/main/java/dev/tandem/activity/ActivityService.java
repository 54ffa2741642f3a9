package dev.tandem.activity;

import dev.tandem.activity.ActivityException.Reason;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.MembershipChange;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.Grants;
import dev.tandem.identity.UserDirectory;
import dev.tandem.identity.UserNotFoundException;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Activities: named places (type and id) that sessions join, visibly or lurking, each visible session sharing a small
 * state (string keys, JSON values) with the others.
 *
 * <ul>
 *   <li>An activity exists in the database (created explicitly, or auto-created by a join that carries the data to
 *       do so) and is live in memory while it has participants. An ephemeral activity is deleted when its last
 *       participant leaves.</li>
 *   <li>Each call names the acting {@link ActivitySession}; permissions ({@link ActivityPermissions}) are checked on
 *       join ({@code join}, or {@code lurk} for a lurking join), delete ({@code remove}), state changes
 *       ({@code set_state}) and participant lists ({@code view_state} decides whether states are shown). Leaving
 *       needs no permission: a session must always be able to go.</li>
 *   <li>Refusals are {@link ActivityException}s and change nothing.</li>
 * </ul>
 *
 * <p>The live part is one {@link LiveActivities} per domain, owned by this bean: this node's memory alone
 * ({@link DomainActivities}), or in a cluster the entries every node shares ({@link SharedDomainActivities} over
 * {@link ClusterActivities}). Every change of a domain's activities, including the database work of joins, leaves
 * and deletes, runs under that domain's lock on this node, so an activity's row and its live state agree (across
 * nodes, each activity's entry changes atomically; see {@link ClusterActivities}).
 */
@ApplicationScoped
public class ActivityService {

    private static final Logger LOG = Logger.getLogger(ActivityService.class.getName());

    /** The most state keys one session may hold in one activity. */
    public static final int MAX_STATE_KEYS = 1000;

    /** The data a join carries to create the activity if it does not exist. */
    public record AutoCreate(boolean ephemeral, ActivityPermissions permissions) {}

    private record DomainKey(String namespace, String domainId) {}

    @Inject
    ActivityStore store;

    @Inject
    DomainRepository domainRepository;

    @Inject
    UserDirectory identity;

    @Inject
    ClusterMembership membership;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ContextService contexts;

    /** Null on a node alone: each domain's live activities are then its own memory's. */
    private ClusterActivities cluster;

    // Domains are few and an idle DomainActivities is two empty maps, so entries are kept rather than removed:
    // removing one safely would need a second lock around every lookup.
    private final Map<DomainKey, LiveActivities> domains = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        if (membership != null && membership.clustered()) {
            // Other nodes' changes arrive on the data grid's threads: handed to the application's pool in the
            // context captured here, at start.
            shareOver(membership, contexts.createContextualProxy((Executor) executor::execute, Executor.class));
        }
    }

    /** Shares the live activities with the other members of {@code membership}; their changes run on {@code executor}. */
    void shareOver(ClusterMembership membership, Executor executor) {
        cluster = new ClusterActivities(membership, executor, MAX_STATE_KEYS);
    }

    /** Listens from the start, so that other nodes' changes find their receiver. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the bean's creation does the work (start())
    }

    /** A node left: its sessions leave every activity (the oldest node does it); emptied ephemeral ones are deleted. */
    void memberLeft(@Observes MembershipChange change) {
        if (change.kind() == MembershipChange.Kind.LEFT && cluster != null) {
            memberLeft(change.member().id());
        }
    }

    void memberLeft(String memberId) {
        cluster.memberLeft(memberId, (namespace, domainId, id, ephemeral) -> {
            if (ephemeral) {
                store.delete(domainRef(namespace, domainId), id);
            }
        });
    }

    private final Map<DomainKey, String> domainRefs = new ConcurrentHashMap<>();

    /**
     * Creates a (non-ephemeral) activity.
     *
     * @throws ActivityException {@code ALREADY_EXISTS}; {@code INVALID} for an over-long grantee name
     */
    public ActivityInfo create(ActivitySession session, ActivityId id, ActivityPermissions permissions)
            throws ActivityException {
        checkGrantees(permissions);
        LiveActivities domain = domain(session);
        synchronized (domain) {
            return store.create(domainRef(session), id, false, permissions, Instant.now())
                    .orElseThrow(() -> new ActivityException(
                            Reason.ALREADY_EXISTS, "'" + id + "' is already taken", Map.of("field", "id")));
        }
    }

    /**
     * Deletes an activity; its participants (lurkers too) are told and are no longer joined.
     *
     * @throws ActivityException {@code NOT_FOUND}; {@code UNAUTHORIZED} without {@code remove}
     */
    public void delete(ActivitySession session, ActivityId id) throws ActivityException {
        LiveActivities domain = domain(session);
        synchronized (domain) {
            ActivityInfo info = existing(session, domain, id).orElseThrow(() -> notFound(id));
            if (!permissions(session, info).contains(ActivityPermission.REMOVE)) {
                throw new ActivityException(Reason.UNAUTHORIZED, "no permission to remove " + id);
            }
            domain.delete(id);
            store.delete(domainRef(session), id);
        }
    }

    /**
     * Joins the session to an activity and hands the answer to {@code reply} before any change that follows the
     * join reaches {@code listener}. A session already joined joins again (see {@link DomainActivities#join}).
     *
     * @param state      the session's initial state (ignored when lurking or without {@code set_state})
     * @param autoCreate how to create the activity if it does not exist; {@code null} to refuse with
     *                   {@code NOT_FOUND} instead
     * @throws ActivityException {@code NOT_FOUND}; {@code UNAUTHORIZED} without {@code join} (or {@code lurk});
     *                           {@code INVALID} for too much state or an over-long grantee name
     */
    public JoinedActivity join(
            ActivitySession session,
            ActivityId id,
            boolean lurk,
            Map<String, JsonValue> state,
            AutoCreate autoCreate,
            ActivityListener listener,
            Consumer<JoinedActivity> reply)
            throws ActivityException {
        if (state.size() > MAX_STATE_KEYS) {
            throw new ActivityException(
                    Reason.INVALID, "a session's activity state holds at most " + MAX_STATE_KEYS + " keys");
        }
        if (autoCreate != null) {
            checkGrantees(autoCreate.permissions());
        }
        LiveActivities domain = domain(session);
        synchronized (domain) {
            Optional<ActivityInfo> found = existing(session, domain, id);
            ActivityPermissions permissions;
            if (found.isPresent()) {
                permissions = found.get().permissions();
            } else if (autoCreate != null) {
                permissions = autoCreate.permissions();
            } else {
                throw notFound(id);
            }
            Set<ActivityPermission> granted = permissions.resolve(session.userId(), () -> groupsOf(session));
            ActivityPermission needed = lurk ? ActivityPermission.LURK : ActivityPermission.JOIN;
            if (!granted.contains(needed)) {
                throw new ActivityException(Reason.UNAUTHORIZED, "no permission to " + needed.wireName() + " " + id);
            }
            // Checked before creating, so that a refused join leaves no activity behind.
            ActivityInfo info = found.isPresent()
                    ? found.get()
                    : store.create(
                                    domainRef(session),
                                    id,
                                    autoCreate.ephemeral(),
                                    autoCreate.permissions(),
                                    Instant.now())
                            .orElseThrow();
            return domain.join(info, session.sessionId(), session.user(), granted, lurk, state, listener, reply);
        }
    }

    /**
     * Takes the session out of the activity; the others see it leave (if it was visible).
     *
     * @throws ActivityException {@code NOT_JOINED}
     */
    public void leave(ActivitySession session, ActivityId id) throws ActivityException {
        LiveActivities domain = domain(session);
        synchronized (domain) {
            domain.leave(id, session.sessionId()).ifPresent(emptied -> deleteIfEphemeral(session, emptied));
        }
    }

    /** Takes the session out of every activity it joined; for a session that ended. Never throws. */
    public void leaveAll(ActivitySession session) {
        LiveActivities domain = domains.get(key(session.namespace(), session.domainId()));
        if (domain == null) {
            return;
        }
        synchronized (domain) {
            for (ActivityInfo emptied : domain.leaveAll(session.sessionId())) {
                try {
                    deleteIfEphemeral(session, emptied);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "could not delete ephemeral activity " + emptied.id(), e);
                }
            }
        }
    }

    /**
     * Removes a session from an activity on the server's initiative; it is told why, the others see it leave.
     * Nothing happens if it is not joined.
     */
    public void forceLeave(String namespace, String domainId, ActivityId id, String sessionId, String reason) {
        // In a cluster the session may be another node's, in a domain this node holds nothing of yet.
        LiveActivities domain = cluster != null ? domain(namespace, domainId) : domains.get(key(namespace, domainId));
        if (domain == null) {
            return;
        }
        synchronized (domain) {
            domain.forceLeave(id, sessionId, reason).ifPresent(emptied -> {
                if (emptied.ephemeral()) {
                    store.delete(domainRef(namespace, domainId), emptied.id());
                }
            });
        }
    }

    /**
     * Changes the session's state in an activity it joined (see {@link DomainActivities#updateState}).
     *
     * @throws ActivityException {@code NOT_JOINED}; {@code UNAUTHORIZED} while lurking or without
     *                           {@code set_state}; {@code INVALID} for too many keys
     */
    public void updateState(
            ActivitySession session,
            ActivityId id,
            Map<String, JsonValue> set,
            boolean complete,
            Collection<String> removed)
            throws ActivityException {
        domain(session).updateState(id, session.sessionId(), set, complete, removed);
    }

    /**
     * The visible participants of an activity, by session id in joining order; without {@code view_state} their
     * states are empty.
     *
     * @throws ActivityException {@code NOT_FOUND}
     */
    public Map<String, Participant> participants(ActivitySession session, ActivityId id) throws ActivityException {
        LiveActivities domain = domain(session);
        synchronized (domain) {
            ActivityInfo info = existing(session, domain, id).orElseThrow(() -> notFound(id));
            return domain.participants(id, permissions(session, info));
        }
    }

    /** What the session's user may do with the activity. @throws ActivityException {@code NOT_FOUND} */
    public Set<ActivityPermission> resolvePermissions(ActivitySession session, ActivityId id) throws ActivityException {
        LiveActivities domain = domain(session);
        synchronized (domain) {
            return permissions(session, existing(session, domain, id).orElseThrow(() -> notFound(id)));
        }
    }

    /**
     * The activity's permission entries.
     *
     * @throws ActivityException {@code NOT_FOUND}; {@code UNAUTHORIZED} without {@code manage}
     */
    public ActivityPermissions permissions(ActivitySession session, ActivityId id) throws ActivityException {
        LiveActivities domain = domain(session);
        synchronized (domain) {
            ActivityInfo info = existing(session, domain, id).orElseThrow(() -> notFound(id));
            requireManage(session, info);
            return info.permissions();
        }
    }

    /**
     * Changes the activity's permission entries. Joined sessions whose users lose {@code join} ({@code lurk} for a
     * lurker) are forced to leave, with the reason {@code "permissions_changed"}.
     *
     * @throws ActivityException {@code NOT_FOUND}; {@code UNAUTHORIZED} without {@code manage}; {@code INVALID} for
     *                           an over-long grantee name
     */
    public void changePermissions(
            ActivitySession session, ActivityId id, UnaryOperator<Grants<ActivityPermission>> change)
            throws ActivityException {
        LiveActivities domain = domain(session);
        synchronized (domain) {
            ActivityInfo info = existing(session, domain, id).orElseThrow(() -> notFound(id));
            requireManage(session, info);
            ActivityPermissions changed =
                    ActivityPermissions.of(change.apply(info.permissions().grants()));
            checkGrantees(changed);
            if (!store.setPermissions(domainRef(session), id, changed)) {
                throw notFound(id);
            }
            ActivityInfo updated = new ActivityInfo(id, info.ephemeral(), info.created(), changed);
            List<String> lost = domain.replaceInfo(
                    updated,
                    user -> changed.resolve(
                            DomainUserId.of(user),
                            () -> groupsOf(session.namespace(), session.domainId(), DomainUserId.of(user))));
            for (String sessionId : lost) {
                forceLeave(session.namespace(), session.domainId(), id, sessionId, "permissions_changed");
            }
        }
    }

    /** The live activities of the domain, with the sessions joined now. */
    Map<ActivityId, ActivitySummary> liveSummaries(String namespace, String domainId) {
        LiveActivities domain = cluster != null ? domain(namespace, domainId) : domains.get(key(namespace, domainId));
        return domain == null ? Map.of() : domain.live();
    }

    private void requireManage(ActivitySession session, ActivityInfo info) throws ActivityException {
        if (!permissions(session, info).contains(ActivityPermission.MANAGE)) {
            throw new ActivityException(Reason.UNAUTHORIZED, "no permission to manage " + info.id());
        }
    }

    /** True if the session is joined to the activity. */
    public boolean isJoined(ActivitySession session, ActivityId id) {
        return domain(session).isJoined(id, session.sessionId());
    }

    private Optional<ActivityInfo> existing(ActivitySession session, LiveActivities domain, ActivityId id) {
        Optional<ActivityInfo> live = domain.liveInfo(id);
        return live.isPresent() ? live : store.find(domainRef(session), id);
    }

    private Set<ActivityPermission> permissions(ActivitySession session, ActivityInfo info) {
        return info.permissions().resolve(session.userId(), () -> groupsOf(session));
    }

    private List<String> groupsOf(ActivitySession session) {
        return groupsOf(session.namespace(), session.domainId(), session.userId());
    }

    private List<String> groupsOf(String namespace, String domainId, DomainUserId user) {
        try {
            return identity.groupsForUsers(namespace, domainId, List.of(user)).getOrDefault(user, List.of());
        } catch (UserNotFoundException e) {
            return List.of();
        }
    }

    private void deleteIfEphemeral(ActivitySession session, ActivityInfo emptied) {
        if (emptied.ephemeral()) {
            store.delete(domainRef(session), emptied.id());
        }
    }

    private static void checkGrantees(ActivityPermissions permissions) throws ActivityException {
        boolean tooLong = permissions.users().keySet().stream()
                        .anyMatch(u -> u.username().isEmpty() || u.username().length() > ActivityId.MAX_LENGTH)
                || permissions.groups().keySet().stream()
                        .anyMatch(g -> g.isEmpty() || g.length() > ActivityId.MAX_LENGTH);
        if (tooLong) {
            throw new ActivityException(
                    Reason.INVALID,
                    "user and group names in permissions hold 1 to " + ActivityId.MAX_LENGTH + " characters");
        }
    }

    private static ActivityException notFound(ActivityId id) {
        return new ActivityException(
                Reason.NOT_FOUND, "activity '" + id + "' does not exist", Map.of("activity", id.toString()));
    }

    private LiveActivities domain(ActivitySession session) {
        return domain(session.namespace(), session.domainId());
    }

    private LiveActivities domain(String namespace, String domainId) {
        return domains.computeIfAbsent(
                key(namespace, domainId),
                k -> cluster != null ? cluster.domain(namespace, domainId) : new DomainActivities(MAX_STATE_KEYS));
    }

    private String domainRef(ActivitySession session) {
        return domainRef(session.namespace(), session.domainId());
    }

    /** The row id of the domain. */
    String domainRef(String namespace, String domainId) {
        return domainRefs.computeIfAbsent(
                key(namespace, domainId),
                k -> domainRepository
                        .find(namespace, domainId)
                        .map(Domain::getId)
                        .orElseThrow(() -> new IllegalStateException("no domain " + namespace + "/" + domainId)));
    }

    private static DomainKey key(String namespace, String domainId) {
        return new DomainKey(namespace, domainId);
    }
}

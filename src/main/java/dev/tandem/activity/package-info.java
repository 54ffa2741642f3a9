/**
 * Activities: named places in an application (a document, a page, a call), identified by type and id, that sessions
 * join to see who else is there and to share a small per-session state (string keys, JSON values), as Convergence's
 * activities do.
 *
 * <p>{@link dev.tandem.activity.ActivityService} is the realtime side's contract: callers name the acting
 * {@link dev.tandem.activity.ActivitySession} and receive what a participant must see through the
 * {@link dev.tandem.activity.ActivityListener} they hand in when joining, the one way back to the delivery channels.
 * {@link dev.tandem.activity.ActivityAdministration} is the admin side's: listings with the sessions joined now,
 * creation, deletion and permission entries, acting as the domain's administrator through the service.
 *
 * <p>What an activity is (its existence, ephemeral flag, creation time and
 * {@link dev.tandem.activity.ActivityPermissions}) lives behind {@link dev.tandem.activity.ActivityStore}, kept in the
 * database by {@link dev.tandem.activity.JdbcActivityStore}; only the store's own package names the JDBC class. Who is
 * joined and their state are never stored: one {@code LiveActivities} per domain, owned by the service bean, holds
 * them, in this node's memory ({@code DomainActivities}, each live activity a {@code LiveActivity}) or, in a cluster,
 * in entries of the data grid every node shares ({@code SharedDomainActivities} over {@code ClusterActivities}).
 *
 * <p>Builds on {@code identity} (user ids, group memberships and the {@code PermissionResolver} that resolves
 * {@code ActivityPermissions}), {@code tenant} (the domain's row),
 * {@code persistence} (the JDBC helper), {@code admin} (its administrative refusals are
 * {@link dev.tandem.admin.AdminException}s) and {@code cluster} (the shared directory, messages between nodes); its
 * service refuses with
 * {@link dev.tandem.activity.ActivityException}, a {@link dev.tandem.common.Refusal} whose code the delivery channels
 * put on the wire. Knows nothing of the wire ({@code interfaces.*}). State values are JSON-P
 * {@link jakarta.json.JsonValue}s.
 */
package dev.tandem.activity;

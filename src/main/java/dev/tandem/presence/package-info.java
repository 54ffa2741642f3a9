/**
 * Presence: whether each user of a domain is available (has at least one connected session) and the small shared
 * state (string keys, JSON values) that the user's own sessions publish, with subscriptions that push every change to
 * the sessions that asked for it.
 *
 * <p>{@link dev.tandem.presence.PresenceService} is the whole contract; callers address it with a
 * {@link dev.tandem.presence.PresenceSession} and receive pushes through the
 * {@link dev.tandem.presence.PresenceListener} they register when the session connects.
 * {@link dev.tandem.presence.PresenceServices} picks the implementation at start: alone, {@code LocalPresenceService}
 * keeps everything in memory, one {@code DomainPresence} per domain; in a cluster, {@code ClusterPresenceService} keeps
 * each user's presence in the data grid's shared directory and sends every change to the other nodes. Presence is
 * ephemeral by design: nothing is persisted, and a user's state ends when their last session does (as in Convergence).
 *
 * <p>Builds on {@code identity} for user ids and {@code cluster} for the shared directory and messages between nodes;
 * knows nothing of the wire ({@code interfaces.*}). State values are JSON-P {@link jakarta.json.JsonValue}s.
 */
package dev.tandem.presence;

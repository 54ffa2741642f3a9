/**
 * Presence: whether each user of a domain is available (has at least one connected session) and the small shared
 * state (string keys, JSON values) that the user's own sessions publish, with subscriptions that push every change to
 * the sessions that asked for it.
 *
 * <p>{@link dev.tandem.presence.PresenceService} is the whole contract; callers address it with a
 * {@link dev.tandem.presence.PresenceSession} and receive pushes through the
 * {@link dev.tandem.presence.PresenceListener} they register when the session connects. This node's implementation,
 * {@link dev.tandem.presence.LocalPresenceService}, keeps everything in memory, one
 * {@link dev.tandem.presence.DomainPresence} per domain; a cluster-wide implementation can replace it behind the same
 * interface. Presence is ephemeral by design: nothing is persisted, and a user's state ends when their last session
 * does (as in Convergence).
 *
 * <p>Builds on {@code identity} for user ids only; knows nothing of the wire ({@code interfaces.*}). State values are
 * JSON-P {@link jakarta.json.JsonValue}s.
 */
package dev.tandem.presence;

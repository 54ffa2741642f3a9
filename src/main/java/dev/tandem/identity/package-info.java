/**
 * Identity: the users of each domain, their groups, their sessions, and how they prove who they are.
 *
 * <p>The way in is {@link dev.tandem.identity.AuthenticationService}: the realtime endpoint hands it a domain
 * address, {@link dev.tandem.identity.Credentials} and {@link dev.tandem.identity.ClientInfo}, and gets back an
 * {@link dev.tandem.identity.AuthenticationResult}, never an exception: a refused login is an answer of the handshake
 * (its own codes and a retry flag), not an error, and the JWT check's {@code InvalidJwtException} stays inside the
 * login step. Password, JWT, anonymous and reconnect-token
 * logins each end in a recorded session and a fresh reconnect token. {@link dev.tandem.identity.JwtVerifier} is the
 * pure JWT check (no container needed); the stores {@link dev.tandem.identity.DomainUserRepository} (users, groups,
 * memberships) and {@link dev.tandem.identity.SessionRepository} (sessions, reconnect tokens) hold the rows, each
 * bounded by its domain; their JPA implementations ({@code Jpa...}) alone touch the entity manager.
 *
 * <p>{@link dev.tandem.identity.IdentityService} answers what clients ask about other people: users by
 * {@link dev.tandem.identity.DomainUserId id}, a paged {@link dev.tandem.identity.UserSearch search}, groups and the
 * groups of users, and the users behind session ids. It only reads, always bounded by the domain and the request; an
 * unknown user or group is refused with a {@link dev.tandem.common.Refusal}
 * ({@link dev.tandem.identity.UserNotFoundException}, {@link dev.tandem.identity.GroupNotFoundException}), which the
 * delivery channels map like every capability's. Other capabilities (chat, activity) ask only for users and their
 * groups, through the narrow port {@link dev.tandem.identity.UserDirectory} that it implements.
 *
 * <p>{@link dev.tandem.identity.PermissionResolver} is the one resolution of permissions for every kind of target
 * (chats, activities, models and their collections): world, per-user and per-group entries, the domain
 * administrators' override, a default when nothing was granted, and the two precedences; the capabilities keep their
 * permission names and targets. {@link dev.tandem.identity.Grants} are the entries as chats and activities store and
 * change them.
 *
 * <p>Builds on {@code tenant} (domains, their settings and keys), {@code security} (password hashes), {@code common}
 * (its refusals), {@code persistence} (grant rows) and {@code admin} (refusals of
 * {@link dev.tandem.identity.DomainDirectory} are {@link dev.tandem.admin.AdminException}s);
 * {@code tenant} knows nothing of this package and hands it its share of the seed file through the
 * {@link dev.tandem.tenant.DomainSeeded} event.
 */
package dev.tandem.identity;

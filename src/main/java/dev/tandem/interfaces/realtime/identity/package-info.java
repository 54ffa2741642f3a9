/**
 * The realtime adapter of the identity capability: user lookups, user search and groups
 * ({@code usersGetRequest}, {@code userSearchRequest}, {@code userGroupsRequest},
 * {@code userGroupsForUsersRequest}), mapped to and from {@link dev.tandem.identity.IdentityService}. Thin: it
 * translates wire messages and error codes, the service decides. The identity cache the client keeps is filled by
 * {@link dev.tandem.interfaces.realtime.connection.IdentityCache}, shared by every capability.
 */
package dev.tandem.interfaces.realtime.identity;

/**
 * Chat: channels (public or private, with persistent members), rooms (whose members are the sessions joined to
 * them) and direct chats (a fixed set of users, found again by that set), as Convergence's chat.
 *
 * <p>The realtime side calls four beans, each naming the acting {@link dev.tandem.chat.ChatSession}:
 * {@link dev.tandem.chat.ChatService} (create, find direct chats, remove, name, topic, publish, mark seen),
 * {@link dev.tandem.chat.ChatMembers} (join, leave, add and remove users, ended sessions),
 * {@link dev.tandem.chat.ChatQueries} (get, exists, joined, search, history) and
 * {@link dev.tandem.chat.ChatPermissionService} (a chat's permission entries). The admin side calls
 * {@link dev.tandem.chat.ChatAdministration}, which acts as the domain's administrator through the same beans. Inside
 * the package, {@code ChatAccess} finds a chat as a session may see it under the chat's lock and checks membership
 * and {@link dev.tandem.chat.ChatPermissions}, and {@code ChatChanges} commits each change and hands the
 * {@link dev.tandem.chat.ChatDelivery} (naming the users or sessions that must see it) to the
 * {@link dev.tandem.chat.ChatDeliverySink}, the one way back to the delivery channels (the realtime layer provides
 * it), in event order per chat.
 *
 * <p>What must be shared by every node of a cluster lives behind {@link dev.tandem.chat.ChatStore} (chats, members,
 * numbered events, seen markers, permissions), kept in the database by {@link dev.tandem.chat.JdbcChatStore}; only
 * the store's own package names the JDBC class. What is bound to a session (who is joined to a room) is owned by
 * {@code ChatAccess} in {@code ChatRooms}, each node its own sessions'; {@link dev.tandem.chat.ChatRelay} sends every
 * delivery to the other nodes, which hand it to their own sessions. Refusals are {@link dev.tandem.chat.ChatException}s (a
 * {@link dev.tandem.common.Refusal} carrying its chat code) that change nothing.
 *
 * <p>Builds on {@code identity} (user ids, groups, and the {@code PermissionResolver} that resolves
 * {@code ChatPermissions}), {@code tenant} (the domain's row), {@code persistence} (the JDBC
 * helper), {@code admin} (the admin side's refusals are {@link dev.tandem.admin.AdminException}s) and {@code cluster}
 * (messages between nodes); knows nothing of the wire.
 */
package dev.tandem.chat;

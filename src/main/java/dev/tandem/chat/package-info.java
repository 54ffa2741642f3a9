/**
 * Chat: channels (public or private, with persistent members), rooms (whose members are the sessions joined to
 * them) and direct chats (a fixed set of users, found again by that set), as Convergence's chat.
 *
 * <p>{@link dev.tandem.chat.ChatService} is the whole contract: each call names the acting
 * {@link dev.tandem.chat.ChatSession}, checks {@link dev.tandem.chat.ChatPermissions} and membership, and refuses with
 * a {@link dev.tandem.chat.ChatException} (a {@link dev.tandem.common.Refusal}) that changes nothing. What must be shared by every node of a cluster lives
 * in the database ({@link dev.tandem.chat.ChatStore}: chats, members, numbered events, seen markers, permissions);
 * what is bound to a session (who is joined to a room) is owned by the service bean in {@code ChatRooms}. Every
 * change produces a {@link dev.tandem.chat.ChatDelivery} naming the users or sessions that must see it, handed to
 * the {@link dev.tandem.chat.ChatDeliverySink} bean (the realtime layer provides it), in event order per chat.
 *
 * <p>Builds on {@code identity} (user ids, groups, and the {@code PermissionResolver} that resolves
 * {@code ChatPermissions}), {@code tenant} (the domain's row) and {@code admin} (its
 * refusals are {@link dev.tandem.admin.AdminException}s); knows nothing of the wire.
 */
package dev.tandem.chat;

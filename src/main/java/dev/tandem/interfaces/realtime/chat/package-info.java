/**
 * Chat and the permission messages over the protocol: {@link dev.tandem.interfaces.realtime.chat.ChatHandlers}
 * translates the chat requests into calls of the chat beans ({@link dev.tandem.chat.ChatService},
 * {@link dev.tandem.chat.ChatMembers}, {@link dev.tandem.chat.ChatQueries}),
 * {@link dev.tandem.interfaces.realtime.chat.ChatBroadcaster} delivers chat events to the connected sessions that
 * must see them (identity cache first), and {@link dev.tandem.interfaces.realtime.chat.PermissionHandlers} answers the
 * permission requests for chat and activity targets.
 */
package dev.tandem.interfaces.realtime.chat;

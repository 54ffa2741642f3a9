/**
 * Chat and the permission messages over the protocol: {@link dev.tandem.interfaces.realtime.chat.ChatHandlers}
 * translates the chat requests into {@link dev.tandem.chat.ChatService} calls,
 * {@link dev.tandem.interfaces.realtime.chat.ChatBroadcaster} delivers chat events to the connected sessions that
 * must see them (identity cache first), and {@link dev.tandem.interfaces.realtime.chat.PermissionHandlers} answers the
 * permission requests for chat and activity targets.
 */
package dev.tandem.interfaces.realtime.chat;

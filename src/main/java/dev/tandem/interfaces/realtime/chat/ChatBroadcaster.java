package dev.tandem.interfaces.realtime.chat;

import dev.tandem.chat.ChatDelivery;
import dev.tandem.chat.ChatDeliverySink;
import dev.tandem.chat.ChatEvent;
import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.identity.DomainUserId;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.ConnectionRegistry;
import dev.tandem.interfaces.realtime.connection.IdentityCache;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.chat.ChatEventsMarkedSeenMessage;
import dev.tandem.interfaces.realtime.proto.chat.ChatNameSetMessage;
import dev.tandem.interfaces.realtime.proto.chat.ChatRemovedMessage;
import dev.tandem.interfaces.realtime.proto.chat.ChatTopicSetMessage;
import dev.tandem.interfaces.realtime.proto.chat.RemoteChatMessageMessage;
import dev.tandem.interfaces.realtime.proto.chat.UserAddedToChatMessage;
import dev.tandem.interfaces.realtime.proto.chat.UserJoinedChatMessage;
import dev.tandem.interfaces.realtime.proto.chat.UserLeftChatMessage;
import dev.tandem.interfaces.realtime.proto.chat.UserRemovedFromChatMessage;
import dev.tandem.interfaces.realtime.wire.Wire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers chat changes to this node's connections: every connection of the domain whose user is among the
 * delivery's users, or whose session is among its sessions. Users named in a message are made known to the client
 * first (the client resolves them only from its identity cache).
 */
@ApplicationScoped
public class ChatBroadcaster implements ChatDeliverySink {

    private static final Logger LOG = Logger.getLogger(ChatBroadcaster.class.getName());

    @Inject
    ConnectionRegistry connections;

    @Inject
    IdentityCache identityCache;

    @Override
    public void deliver(ChatDelivery delivery) {
        ConvergenceMessage message = message(delivery);
        List<DomainUserId> named = named(delivery);
        // The session whose action an event reports: the message names its user, an older client's codec may need
        // the session too (G3 names a chat message's sender by session).
        String origin = delivery.payload() instanceof ChatDelivery.Event e ? e.session() : null;
        for (ClientConnection connection : connections.connections()) {
            Optional<Authenticated> session = connection.session();
            if (session.isEmpty() || connection.state() == ClientConnection.State.CLOSED) {
                continue;
            }
            Authenticated s = session.get();
            if (!s.namespace().equals(delivery.namespace()) || !s.domainId().equals(delivery.domainId())) {
                continue;
            }
            if (!delivery.users().contains(DomainUserId.of(s.user()))
                    && !delivery.sessions().contains(s.sessionId())) {
                continue;
            }
            try {
                identityCache.ensureUsersKnown(connection, named);
                connection.send(message, origin);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "could not deliver a chat message to " + connection, e);
            }
        }
    }

    private static List<DomainUserId> named(ChatDelivery delivery) {
        if (delivery.payload() instanceof ChatDelivery.Event e) {
            return e.event().usersNamed();
        }
        if (delivery.payload() instanceof ChatDelivery.Seen seen) {
            return List.of(seen.user());
        }
        return List.of();
    }

    private static ConvergenceMessage message(ChatDelivery delivery) {
        ConvergenceMessage.Builder message = ConvergenceMessage.newBuilder();
        String chatId = delivery.chatId();
        if (delivery.payload() instanceof ChatDelivery.Seen seen) {
            return message.setChatEventsMarkedSeen(ChatEventsMarkedSeenMessage.newBuilder()
                            .setChatId(chatId)
                            .setUser(Wire.userId(seen.user()))
                            .setEventNumber(seen.eventNumber()))
                    .build();
        }
        if (delivery.payload() instanceof ChatDelivery.Removed) {
            return message.setChatRemoved(ChatRemovedMessage.newBuilder().setChatId(chatId))
                    .build();
        }
        ChatEvent event = ((ChatDelivery.Event) delivery.payload()).event();
        var at = Wire.timestamp(event.timestamp());
        var user = Wire.userId(event.user());
        long n = event.number();
        switch (event.type()) {
            case MESSAGE ->
                message.setRemoteChatMessage(RemoteChatMessageMessage.newBuilder()
                        .setChatId(chatId)
                        .setEventNumber(n)
                        .setTimestamp(at)
                        .setUser(user)
                        .setMessage(event.text()));
            case USER_JOINED ->
                message.setUserJoinedChat(UserJoinedChatMessage.newBuilder()
                        .setChatId(chatId)
                        .setEventNumber(n)
                        .setTimestamp(at)
                        .setUser(user));
            case USER_LEFT ->
                message.setUserLeftChat(UserLeftChatMessage.newBuilder()
                        .setChatId(chatId)
                        .setEventNumber(n)
                        .setTimestamp(at)
                        .setUser(user));
            case USER_ADDED ->
                message.setUserAddedToChat(UserAddedToChatMessage.newBuilder()
                        .setChatId(chatId)
                        .setEventNumber(n)
                        .setTimestamp(at)
                        .setUser(user)
                        .setAddedUser(Wire.userId(event.target())));
            case USER_REMOVED ->
                message.setUserRemovedFromChat(UserRemovedFromChatMessage.newBuilder()
                        .setChatId(chatId)
                        .setEventNumber(n)
                        .setTimestamp(at)
                        .setUser(user)
                        .setRemovedUser(Wire.userId(event.target())));
            case NAME_CHANGED ->
                message.setChatNameChanged(ChatNameSetMessage.newBuilder()
                        .setChatId(chatId)
                        .setEventNumber(n)
                        .setTimestamp(at)
                        .setUser(user)
                        .setName(event.text()));
            case TOPIC_CHANGED ->
                message.setChatTopicChanged(ChatTopicSetMessage.newBuilder()
                        .setChatId(chatId)
                        .setEventNumber(n)
                        .setTimestamp(at)
                        .setUser(user)
                        .setTopic(event.text()));
            case CREATED -> throw new IllegalArgumentException("creation is not pushed");
        }
        return message.build();
    }
}

package dev.tandem.interfaces.realtime.chat;

import dev.tandem.chat.ChatEvent;
import dev.tandem.chat.ChatInfo;
import dev.tandem.chat.ChatMember;
import dev.tandem.identity.DomainUserId;
import dev.tandem.interfaces.realtime.proto.chat.ChatCreatedEventData;
import dev.tandem.interfaces.realtime.proto.chat.ChatEventData;
import dev.tandem.interfaces.realtime.proto.chat.ChatInfoData;
import dev.tandem.interfaces.realtime.proto.chat.ChatMemberData;
import dev.tandem.interfaces.realtime.proto.chat.ChatMessageEventData;
import dev.tandem.interfaces.realtime.proto.chat.ChatNameChangedEventData;
import dev.tandem.interfaces.realtime.proto.chat.ChatTopicChangedEventData;
import dev.tandem.interfaces.realtime.proto.chat.ChatUserAddedEventData;
import dev.tandem.interfaces.realtime.proto.chat.ChatUserJoinedEventData;
import dev.tandem.interfaces.realtime.proto.chat.ChatUserLeftEventData;
import dev.tandem.interfaces.realtime.proto.chat.ChatUserRemovedEventData;
import dev.tandem.interfaces.realtime.wire.Wire;
import java.util.ArrayList;
import java.util.List;

/** Chat values for the wire. */
final class ChatWire {

    private ChatWire() {}

    static ChatInfoData info(ChatInfo info) {
        ChatInfoData.Builder data = ChatInfoData.newBuilder()
                .setId(info.id())
                .setChatType(info.type().wireName())
                .setMembership(info.membership().wireName())
                .setName(info.name())
                .setTopic(info.topic())
                .setCreatedTime(Wire.timestamp(info.created()))
                .setLastEventTime(Wire.timestamp(info.lastEventTime()))
                .setLastEventNumber(info.lastEventNumber());
        for (ChatMember member : info.members()) {
            data.addMembers(ChatMemberData.newBuilder()
                    .setUser(Wire.userId(member.user()))
                    .setMaxSeenEventNumber(member.maxSeen()));
        }
        return data.build();
    }

    /** Every user a chat info names. */
    static List<DomainUserId> users(ChatInfo info) {
        List<DomainUserId> users = new ArrayList<>();
        info.members().forEach(m -> users.add(m.user()));
        return users;
    }

    /** A history entry. */
    static ChatEventData event(ChatEvent event) {
        ChatEventData.Builder data = ChatEventData.newBuilder();
        var at = Wire.timestamp(event.timestamp());
        var user = Wire.userId(event.user());
        switch (event.type()) {
            case CREATED -> {
                ChatCreatedEventData.Builder created = ChatCreatedEventData.newBuilder()
                        .setChatId(event.chatId())
                        .setEventNumber(event.number())
                        .setTimestamp(at)
                        .setUser(user)
                        .setName(event.text())
                        .setTopic(event.topic());
                event.members().forEach(m -> created.addMembers(Wire.userId(m)));
                data.setCreated(created);
            }
            case MESSAGE ->
                data.setMessage(ChatMessageEventData.newBuilder()
                        .setChatId(event.chatId())
                        .setEventNumber(event.number())
                        .setTimestamp(at)
                        .setUser(user)
                        .setMessage(event.text()));
            case USER_JOINED ->
                data.setUserJoined(ChatUserJoinedEventData.newBuilder()
                        .setChatId(event.chatId())
                        .setEventNumber(event.number())
                        .setTimestamp(at)
                        .setUser(user));
            case USER_LEFT ->
                data.setUserLeft(ChatUserLeftEventData.newBuilder()
                        .setChatId(event.chatId())
                        .setEventNumber(event.number())
                        .setTimestamp(at)
                        .setUser(user));
            case USER_ADDED ->
                data.setUserAdded(ChatUserAddedEventData.newBuilder()
                        .setChatId(event.chatId())
                        .setEventNumber(event.number())
                        .setTimestamp(at)
                        .setUser(user)
                        .setAddedUser(Wire.userId(event.target())));
            case USER_REMOVED ->
                data.setUserRemoved(ChatUserRemovedEventData.newBuilder()
                        .setChatId(event.chatId())
                        .setEventNumber(event.number())
                        .setTimestamp(at)
                        .setUser(user)
                        .setRemovedUser(Wire.userId(event.target())));
            case NAME_CHANGED ->
                data.setNameChanged(ChatNameChangedEventData.newBuilder()
                        .setChatId(event.chatId())
                        .setEventNumber(event.number())
                        .setTimestamp(at)
                        .setUser(user)
                        .setName(event.text()));
            case TOPIC_CHANGED ->
                data.setTopicChanged(ChatTopicChangedEventData.newBuilder()
                        .setChatId(event.chatId())
                        .setEventNumber(event.number())
                        .setTimestamp(at)
                        .setUser(user)
                        .setTopic(event.text()));
        }
        return data.build();
    }
}

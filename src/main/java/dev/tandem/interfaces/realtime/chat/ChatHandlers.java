package dev.tandem.interfaces.realtime.chat;

import dev.tandem.chat.ChatEvent;
import dev.tandem.chat.ChatEventType;
import dev.tandem.chat.ChatInfo;
import dev.tandem.chat.ChatMembers;
import dev.tandem.chat.ChatMembership;
import dev.tandem.chat.ChatQueries;
import dev.tandem.chat.ChatService;
import dev.tandem.chat.ChatSession;
import dev.tandem.chat.ChatType;
import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.identity.DomainUserId;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.ConnectionEvent;
import dev.tandem.interfaces.realtime.connection.IdentityCache;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistration;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistry;
import dev.tandem.interfaces.realtime.dispatch.IncomingMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.chat.AddUserToChatResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.ChatHistoryRequestMessage;
import dev.tandem.interfaces.realtime.proto.chat.ChatHistoryResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.ChatInfoData;
import dev.tandem.interfaces.realtime.proto.chat.ChatsExistResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.ChatsSearchRequestMessage;
import dev.tandem.interfaces.realtime.proto.chat.ChatsSearchResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.CreateChatRequestMessage;
import dev.tandem.interfaces.realtime.proto.chat.CreateChatResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.GetChatsResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.GetDirectChatsResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.GetJoinedChatsResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.JoinChatResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.LeaveChatResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.MarkChatEventsSeenResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.PublishChatResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.RemoveChatResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.RemoveUserFromChatResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.SetChatNameResponseMessage;
import dev.tandem.interfaces.realtime.proto.chat.SetChatTopicResponseMessage;
import dev.tandem.interfaces.realtime.proto.core.DomainUserIdData;
import dev.tandem.interfaces.realtime.proto.core.DomainUserIdList;
import dev.tandem.interfaces.realtime.wire.ErrorCodes;
import dev.tandem.interfaces.realtime.wire.ProtocolException;
import dev.tandem.interfaces.realtime.wire.Wire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chat over the protocol: every chat request of the client (create, remove, join, leave, add and remove users, name,
 * topic, publish, mark seen, get, exists, joined, direct, history, search), each answered with its typed response or
 * the protocol error of the service's refusal. Chat infos and history entries name users: the client is told who
 * they are first. Pushes go through {@link ChatBroadcaster}.
 */
@ApplicationScoped
public class ChatHandlers implements HandlerRegistration {

    private static final Logger LOG = Logger.getLogger(ChatHandlers.class.getName());

    @Inject
    ChatService chats;

    @Inject
    ChatMembers chatMembers;

    @Inject
    ChatQueries queries;

    @Inject
    IdentityCache identityCache;

    @Override
    public void register(HandlerRegistry registry) {
        registry.request(BodyCase.CREATECHATREQUEST, this::create)
                .request(BodyCase.REMOVECHATREQUEST, this::remove)
                .request(BodyCase.JOINCHATREQUEST, this::join)
                .request(BodyCase.LEAVECHATREQUEST, this::leave)
                .request(BodyCase.ADDUSERTOCHATREQUEST, this::addUser)
                .request(BodyCase.REMOVEUSERFROMCHATREQUEST, this::removeUser)
                .request(BodyCase.SETCHATNAMEREQUEST, this::setName)
                .request(BodyCase.SETCHATTOPICREQUEST, this::setTopic)
                .request(BodyCase.PUBLISHCHATMESSAGEREQUEST, this::publish)
                .request(BodyCase.MARKCHATEVENTSSEENREQUEST, this::markSeen)
                .request(BodyCase.GETCHATSREQUEST, this::get)
                .request(BodyCase.CHATSEXISTREQUEST, this::exists)
                .request(BodyCase.GETJOINEDCHATSREQUEST, this::joined)
                .request(BodyCase.GETDIRECTCHATSREQUEST, this::direct)
                .request(BodyCase.GETCHATHISTORYREQUEST, this::history)
                .request(BodyCase.CHATSSEARCHREQUEST, this::search);
    }

    /** A closed socket leaves every room it joined: a room's membership ends with the session. */
    void disconnected(@Observes ConnectionEvent.Disconnected event) {
        event.connection().session().ifPresent(s -> {
            try {
                chatMembers.sessionEnded(new ChatSession(s.namespace(), s.domainId(), s.user(), s.sessionId()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "chat could not process the disconnect of " + event.connection(), e);
            }
        });
    }

    private void create(ClientConnection connection, IncomingMessage incoming) {
        CreateChatRequestMessage request = incoming.message().getCreateChatRequest();
        ChatType type = parse(() -> ChatType.fromWire(request.getChatType()));
        ChatMembership membership = parse(() -> ChatMembership.fromWire(request.getMembership()));
        String id = request.hasChatId() ? request.getChatId().getValue() : null;
        List<DomainUserId> members = userIds(request.getMembersList());
        String chatId =
                chats.create(session(connection), id, type, membership, request.getName(), request.getTopic(), members);
        incoming.reply(ConvergenceMessage.newBuilder()
                .setCreateChatResponse(CreateChatResponseMessage.newBuilder().setChatId(chatId)));
    }

    private void remove(ClientConnection connection, IncomingMessage incoming) {
        String chatId = incoming.message().getRemoveChatRequest().getChatId();
        chats.remove(session(connection), chatId);
        incoming.reply(ConvergenceMessage.newBuilder().setRemoveChatResponse(RemoveChatResponseMessage.newBuilder()));
    }

    private void join(ClientConnection connection, IncomingMessage incoming) {
        String chatId = incoming.message().getJoinChatRequest().getChatId();
        ChatSession session = session(connection);
        ChatInfo info = chatMembers.join(session, chatId);
        if (connection.state() == ClientConnection.State.CLOSED) {
            // Closed while joining: its Disconnected event may have come first and found no room to leave.
            chatMembers.sessionEnded(session);
            return;
        }
        identityCache.ensureUsersKnown(connection, ChatWire.users(info));
        incoming.reply(ConvergenceMessage.newBuilder()
                .setJoinChatResponse(JoinChatResponseMessage.newBuilder().setChatInfo(ChatWire.info(info))));
    }

    private void leave(ClientConnection connection, IncomingMessage incoming) {
        String chatId = incoming.message().getLeaveChatRequest().getChatId();
        chatMembers.leave(session(connection), chatId);
        incoming.reply(ConvergenceMessage.newBuilder().setLeaveChatResponse(LeaveChatResponseMessage.newBuilder()));
    }

    private void addUser(ClientConnection connection, IncomingMessage incoming) {
        var request = incoming.message().getAddUserToChatRequest();
        DomainUserId user = requiredUser(request.hasUserToAdd(), request.getUserToAdd());
        chatMembers.addUser(session(connection), request.getChatId(), user);
        incoming.reply(
                ConvergenceMessage.newBuilder().setAddUserToChatResponse(AddUserToChatResponseMessage.newBuilder()));
    }

    private void removeUser(ClientConnection connection, IncomingMessage incoming) {
        var request = incoming.message().getRemoveUserFromChatRequest();
        DomainUserId user = requiredUser(request.hasUserToRemove(), request.getUserToRemove());
        chatMembers.removeUser(session(connection), request.getChatId(), user);
        incoming.reply(ConvergenceMessage.newBuilder()
                .setRemoveUserFromChatResponse(RemoveUserFromChatResponseMessage.newBuilder()));
    }

    private void setName(ClientConnection connection, IncomingMessage incoming) {
        var request = incoming.message().getSetChatNameRequest();
        chats.setName(session(connection), request.getChatId(), request.getName());
        incoming.reply(ConvergenceMessage.newBuilder().setSetChatNameResponse(SetChatNameResponseMessage.newBuilder()));
    }

    private void setTopic(ClientConnection connection, IncomingMessage incoming) {
        var request = incoming.message().getSetChatTopicRequest();
        chats.setTopic(session(connection), request.getChatId(), request.getTopic());
        incoming.reply(
                ConvergenceMessage.newBuilder().setSetChatTopicResponse(SetChatTopicResponseMessage.newBuilder()));
    }

    private void publish(ClientConnection connection, IncomingMessage incoming) {
        var request = incoming.message().getPublishChatMessageRequest();
        ChatEvent event = chats.publish(session(connection), request.getChatId(), request.getMessage());
        incoming.reply(ConvergenceMessage.newBuilder()
                .setPublishChatMessageResponse(PublishChatResponseMessage.newBuilder()
                        .setEventNumber(event.number())
                        .setTimestamp(Wire.timestamp(event.timestamp()))));
    }

    private void markSeen(ClientConnection connection, IncomingMessage incoming) {
        var request = incoming.message().getMarkChatEventsSeenRequest();
        chats.markSeen(session(connection), request.getChatId(), request.getEventNumber());
        incoming.reply(ConvergenceMessage.newBuilder()
                .setMarkChatEventsSeenResponse(MarkChatEventsSeenResponseMessage.newBuilder()));
    }

    private void get(ClientConnection connection, IncomingMessage incoming) {
        List<String> ids = incoming.message().getGetChatsRequest().getChatIdsList();
        limit(ids.size());
        List<ChatInfo> infos = queries.get(session(connection), ids);
        incoming.reply(ConvergenceMessage.newBuilder()
                .setGetChatsResponse(GetChatsResponseMessage.newBuilder().addAllChatInfo(infos(connection, infos))));
    }

    private void exists(ClientConnection connection, IncomingMessage incoming) {
        List<String> ids = incoming.message().getChatsExistRequest().getChatIdsList();
        limit(ids.size());
        incoming.reply(ConvergenceMessage.newBuilder()
                .setChatsExistResponse(
                        ChatsExistResponseMessage.newBuilder().addAllExists(queries.exists(session(connection), ids))));
    }

    private void joined(ClientConnection connection, IncomingMessage incoming) {
        List<ChatInfo> infos = queries.joined(session(connection));
        incoming.reply(ConvergenceMessage.newBuilder()
                .setGetJoinedChatsResponse(
                        GetJoinedChatsResponseMessage.newBuilder().addAllChatInfo(infos(connection, infos))));
    }

    private void direct(ClientConnection connection, IncomingMessage incoming) {
        List<DomainUserIdList> lists =
                incoming.message().getGetDirectChatsRequest().getUserListsList();
        limit(lists.size());
        List<Set<DomainUserId>> userSets = new ArrayList<>();
        for (DomainUserIdList list : lists) {
            userSets.add(new LinkedHashSet<>(userIds(list.getValuesList())));
        }
        List<ChatInfo> infos = chats.direct(session(connection), userSets);
        incoming.reply(ConvergenceMessage.newBuilder()
                .setGetDirectChatsResponse(
                        GetDirectChatsResponseMessage.newBuilder().addAllChatInfo(infos(connection, infos))));
    }

    private void history(ClientConnection connection, IncomingMessage incoming) {
        ChatHistoryRequestMessage request = incoming.message().getGetChatHistoryRequest();
        Set<ChatEventType> types = parse(() -> ChatEventType.fromWire(request.getEventFilterList()));
        Long start = request.hasStartEvent() ? request.getStartEvent().getValue() : null;
        boolean forward = request.hasForward() && request.getForward().getValue();
        long offset = request.hasOffset() ? request.getOffset().getValue() : 0;
        int limit = request.hasLimit()
                ? (int) Math.min(
                        Integer.MAX_VALUE, Math.max(0, request.getLimit().getValue()))
                : 0;
        ChatQueries.Page<ChatEvent> page =
                queries.history(session(connection), request.getChatId(), start, forward, offset, limit, types);
        List<DomainUserId> named = new ArrayList<>();
        page.items().forEach(e -> named.addAll(e.usersNamed()));
        identityCache.ensureUsersKnown(connection, new LinkedHashSet<>(named));
        ChatHistoryResponseMessage.Builder response = ChatHistoryResponseMessage.newBuilder()
                .setStartIndex(page.startIndex())
                .setTotalResults(page.total());
        page.items().forEach(e -> response.addData(ChatWire.event(e)));
        incoming.reply(ConvergenceMessage.newBuilder().setGetChatHistoryResponse(response));
    }

    private void search(ClientConnection connection, IncomingMessage incoming) {
        ChatsSearchRequestMessage request = incoming.message().getChatsSearchRequest();
        Set<ChatType> types = EnumSet.noneOf(ChatType.class);
        for (String type : request.getTypesList()) {
            types.add(parse(() -> ChatType.fromWire(type)));
        }
        ChatMembership membership = request.getMembership().isEmpty()
                ? null
                : parse(() -> ChatMembership.fromWire(request.getMembership()));
        // rc.12 sends limit and offset as present-but-empty wrappers when set (PROTOCOL §9.3): 0 means the default.
        long offset = request.hasOffset() ? request.getOffset().getValue() : 0;
        int limit = request.hasLimit()
                ? (int) Math.min(
                        Integer.MAX_VALUE, Math.max(0, request.getLimit().getValue()))
                : 0;
        ChatQueries.Page<ChatInfo> page = queries.search(
                session(connection),
                request.getSearchTerm(),
                request.getSearchFieldsList(),
                types,
                membership,
                offset,
                limit);
        incoming.reply(ConvergenceMessage.newBuilder()
                .setChatsSearchResponse(ChatsSearchResponseMessage.newBuilder()
                        .addAllData(infos(connection, page.items()))
                        .setStartIndex(page.startIndex())
                        .setTotalResults(page.total())));
    }

    private List<ChatInfoData> infos(ClientConnection connection, Collection<ChatInfo> infos) {
        Set<DomainUserId> users = new LinkedHashSet<>();
        infos.forEach(i -> users.addAll(ChatWire.users(i)));
        identityCache.ensureUsersKnown(connection, users);
        return infos.stream().map(ChatWire::info).toList();
    }

    static ChatSession session(ClientConnection connection) {
        Authenticated session = connection.requireSession();
        return new ChatSession(session.namespace(), session.domainId(), session.user(), session.sessionId());
    }

    private static List<DomainUserId> userIds(List<DomainUserIdData> data) {
        limit(data.size());
        return data.stream().map(Wire::userId).toList();
    }

    private static DomainUserId requiredUser(boolean present, DomainUserIdData data) {
        if (!present || data.getUsername().isEmpty()) {
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, "no user named");
        }
        return Wire.userId(data);
    }

    private static void limit(int size) {
        if (size > ChatService.MAX_MEMBERS) {
            throw new ProtocolException(
                    ErrorCodes.MALFORMED_REQUEST_CONTENT,
                    "at most " + ChatService.MAX_MEMBERS + " entries per request");
        }
    }

    private static <T> T parse(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, e.getMessage());
        }
    }
}

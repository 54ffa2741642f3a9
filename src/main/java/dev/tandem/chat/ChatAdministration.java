package dev.tandem.chat;

import dev.tandem.admin.AdminException;
import dev.tandem.identity.DomainDirectory;
import dev.tandem.identity.DomainUserId;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Chat as the admin API manages it: every call acts as the caller's domain administrator (a {@code CONVERGENCE}
 * user of the domain, created on first use), who holds every chat permission and sees every chat. Changes go
 * through {@link ChatService} and {@link ChatQueries} exactly as a client's do, so connected members are told through the same
 * {@link ChatDeliverySink}. What the chat service refuses comes out as its {@link ChatException}, what the admin
 * API's own input gets wrong as an {@link AdminException}; the REST boundary maps both.
 */
@ApplicationScoped
public class ChatAdministration {

    /** The session id the admin API acts with; it never joins a room, so it is never delivered to. */
    static final String SESSION_ID = "admin-api";

    /** The fields the admin filter matches: the chat's id and name. */
    private static final List<String> FILTER_FIELDS = List.of("id", "name");

    @Inject
    ChatService chats;

    @Inject
    ChatQueries queries;

    @Inject
    DomainDirectory directory;

    /**
     * Every chat of the domain whose id or name contains {@code filter} (all for {@code null}), of the type named
     * ({@code null}: any), by id.
     */
    public ChatQueries.Page<ChatInfo> list(
            Domain domain, String admin, String filter, String type, long offset, int limit) throws AdminException {
        Set<ChatType> types = type == null ? Set.of() : EnumSet.of(parse("type", () -> ChatType.fromWire(type)));
        return queries.search(session(domain, admin), filter, FILTER_FIELDS, types, null, offset, limit);
    }

    public ChatInfo get(Domain domain, String admin, String chatId) throws AdminException {
        return queries.get(session(domain, admin), List.of(chatId)).stream()
                .findFirst()
                .orElseThrow(() -> AdminException.notFound("chat", chatId));
    }

    /**
     * Creates a channel (with members) or a room (members are ignored: a room's members are its joined sessions).
     * Direct chats are not created here: a client finds them by their members.
     */
    public String create(
            Domain domain,
            String admin,
            String chatId,
            String type,
            String membership,
            String name,
            String topic,
            Collection<String> members)
            throws AdminException {
        ChatType chatType = parse("chatType", () -> ChatType.fromWire(type));
        if (chatType == ChatType.DIRECT) {
            throw AdminException.invalid("chatType", "direct chats are found by their members' clients, not created");
        }
        ChatMembership chatMembership = membership == null
                ? ChatMembership.PUBLIC
                : parse("membership", () -> ChatMembership.fromWire(membership));
        List<DomainUserId> users = members == null
                ? List.of()
                : members.stream().distinct().map(DomainUserId::normal).toList();
        return chats.create(
                session(domain, admin),
                chatId,
                chatType,
                chatMembership,
                name == null ? "" : name,
                topic == null ? "" : topic,
                users);
    }

    /** Removes the chat; its members (a room's joined sessions) are told. */
    public void remove(Domain domain, String admin, String chatId) throws AdminException {
        chats.remove(session(domain, admin), chatId);
    }

    public void setName(Domain domain, String admin, String chatId, String name) throws AdminException {
        chats.setName(session(domain, admin), chatId, name);
    }

    public void setTopic(Domain domain, String admin, String chatId, String topic) throws AdminException {
        chats.setTopic(session(domain, admin), chatId, topic);
    }

    /**
     * A page of the chat's events (see {@link ChatQueries#events}).
     *
     * @param eventTypes the wire names of the types wanted; empty for all
     */
    public ChatQueries.Page<ChatEvent> events(
            Domain domain,
            String admin,
            String chatId,
            Long startEvent,
            boolean forward,
            long offset,
            int limit,
            Collection<String> eventTypes,
            String text)
            throws AdminException {
        Set<ChatEventType> types = parse("eventTypes", () -> ChatEventType.fromWire(eventTypes));
        return queries.events(session(domain, admin), chatId, startEvent, forward, offset, limit, types, text);
    }

    private ChatSession session(Domain domain, String admin) {
        return new ChatSession(
                domain.getNamespaceId(), domain.getDomainId(), directory.administrator(domain, admin), SESSION_ID);
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse();
    }

    private static <T> T parse(String field, Parser<T> parser) throws AdminException {
        try {
            return parser.parse();
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid(field, e.getMessage());
        }
    }
}

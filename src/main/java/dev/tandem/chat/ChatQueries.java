package dev.tandem.chat;

import dev.tandem.chat.ChatException.Reason;
import dev.tandem.chat.ChatRooms.RoomKey;
import dev.tandem.chat.ChatStore.StoredChat;
import dev.tandem.identity.UserType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reading chats: the chats a session may see (by id, joined, or searched) and their history. Reads change nothing
 * and take no chat lock. A chat the user may not see is left out, or refused with {@code chat_not_found}; history
 * needs membership ({@code chat_not_joined}) except for a domain administrator reading through the admin API.
 */
@ApplicationScoped
public class ChatQueries {

    /** A page of history or search results. */
    public record Page<T>(List<T> items, long startIndex, long total) {}

    @Inject
    ChatStore store;

    @Inject
    ChatAccess access;

    /** The chats with these ids that the user may see, in the order asked; others are left out. */
    public List<ChatInfo> get(ChatSession session, Collection<String> chatIds) {
        List<ChatInfo> result = new ArrayList<>();
        for (String chatId : new LinkedHashSet<>(chatIds)) {
            access.findVisible(session, chatId).ifPresent(chat -> result.add(access.info(session, chat)));
        }
        return result;
    }

    /** For each id, whether a chat with it exists and the user may see it. */
    public List<Boolean> exists(ChatSession session, List<String> chatIds) {
        return chatIds.stream()
                .map(id -> access.findVisible(session, id).isPresent())
                .toList();
    }

    /** The channels and direct chats the user is a member of, and the rooms this session joined. */
    public List<ChatInfo> joined(ChatSession session) {
        List<ChatInfo> result = new ArrayList<>();
        String domainRef = access.domainRef(session);
        for (String chatId : store.chatsOf(domainRef, session.userId())) {
            store.find(domainRef, chatId).ifPresent(chat -> result.add(access.info(session, chat)));
        }
        for (RoomKey room : access.rooms().roomsOf(session.sessionId())) {
            if (room.namespace().equals(session.namespace()) && room.domainId().equals(session.domainId())) {
                store.find(domainRef, room.chatId()).ifPresent(chat -> result.add(access.info(session, chat)));
            }
        }
        return result;
    }

    /** Chats the user may see, matching the criteria, by id (see {@link ChatStore#search}). */
    public Page<ChatInfo> search(
            ChatSession session,
            String term,
            Collection<String> fields,
            Set<ChatType> types,
            ChatMembership membership,
            long offset,
            int limit) {
        List<StoredChat> found =
                store.search(access.domainRef(session), session.userId(), term, fields, types, membership);
        int size = limit <= 0 ? ChatService.DEFAULT_PAGE : Math.min(limit, ChatService.MAX_HISTORY_PAGE);
        long from = Math.max(0, offset);
        List<ChatInfo> page = found.stream()
                .skip(from)
                .limit(size)
                .map(chat -> access.info(session, chat))
                .toList();
        return new Page<>(page, from, found.size());
    }

    /**
     * A page of the chat's history.
     *
     * @param start   the first event number on the page's side ({@code null}: the newest going backward, 0 going
     *                forward)
     * @param types   the event types wanted (all if empty)
     * @throws ChatException {@code NOT_FOUND}; {@code NOT_JOINED}
     */
    public Page<ChatEvent> history(
            ChatSession session,
            String chatId,
            Long start,
            boolean forward,
            long offset,
            int limit,
            Set<ChatEventType> types)
            throws ChatException {
        StoredChat chat = access.visible(session, chatId);
        access.requireJoined(session, chat);
        return page(chat, start, forward, offset, limit, types, null);
    }

    /**
     * A page of a chat's history for a domain administrator (the admin API), who reads any chat without joining it;
     * parameters as {@link #history}.
     *
     * @param text only events whose text (message, name, topic) contains this, ignoring case; {@code null}: all
     * @throws ChatException {@code NOT_FOUND}; {@code UNAUTHORIZED} if the session's user is not an administrator
     */
    public Page<ChatEvent> events(
            ChatSession session,
            String chatId,
            Long start,
            boolean forward,
            long offset,
            int limit,
            Set<ChatEventType> types,
            String text)
            throws ChatException {
        if (session.userId().type() != UserType.CONVERGENCE) {
            throw new ChatException(Reason.UNAUTHORIZED, "only domain administrators read chats without joining");
        }
        return page(access.visible(session, chatId), start, forward, offset, limit, types, text);
    }

    private Page<ChatEvent> page(
            StoredChat chat,
            Long start,
            boolean forward,
            long offset,
            int limit,
            Set<ChatEventType> types,
            String text) {
        long from = start != null ? start : forward ? 0 : chat.lastEventNumber();
        int size = limit <= 0 ? ChatService.DEFAULT_PAGE : Math.min(limit, ChatService.MAX_HISTORY_PAGE);
        ChatStore.HistoryPage page = store.history(chat, types, text, from, forward, Math.max(0, offset), size);
        return new Page<>(page.events(), Math.max(0, offset), page.total());
    }
}

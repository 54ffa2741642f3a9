package dev.tandem.chat;

import dev.tandem.chat.ChatException.Reason;
import dev.tandem.chat.ChatStore.StoredChat;
import dev.tandem.identity.Grants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A chat's permission entries as clients read and change them, and what a session's user may do with a chat
 * (resolved by {@link ChatPermissions}). Reading and changing the entries needs {@code manage_chat_permissions}.
 */
@ApplicationScoped
public class ChatPermissionService {

    @Inject
    ChatStore store;

    @Inject
    ChatAccess access;

    /** What the session's user may do with the chat. @throws ChatException {@code NOT_FOUND} */
    public Set<ChatPermission> resolvePermissions(ChatSession session, String chatId) throws ChatException {
        return access.permissions(session, access.visible(session, chatId));
    }

    /**
     * The chat's permission entries. @throws ChatException {@code NOT_FOUND}; {@code UNAUTHORIZED} without
     * {@code manage_chat_permissions}
     */
    public Grants<ChatPermission> permissions(ChatSession session, String chatId) throws ChatException {
        StoredChat chat = access.visible(session, chatId);
        access.require(session, chat, ChatPermission.MANAGE);
        return chat.permissions().grants();
    }

    /**
     * Changes the chat's permission entries.
     *
     * @throws ChatException {@code NOT_FOUND}; {@code UNAUTHORIZED} without {@code manage_chat_permissions};
     *                       {@code INVALID} for over-long grantee names
     */
    public void changePermissions(ChatSession session, String chatId, UnaryOperator<Grants<ChatPermission>> change)
            throws ChatException {
        access.onChat(session, chatId, chat -> {
            access.require(session, chat, ChatPermission.MANAGE);
            Grants<ChatPermission> changed = change.apply(chat.permissions().grants());
            int max = ChatService.MAX_ID_LENGTH;
            boolean tooLong = changed.users().keySet().stream()
                            .anyMatch(
                                    u -> u.username().isEmpty() || u.username().length() > max)
                    || changed.groups().keySet().stream().anyMatch(g -> g.isEmpty() || g.length() > max);
            if (tooLong) {
                throw new ChatException(Reason.INVALID, "user and group names hold 1 to " + max + " characters");
            }
            store.setPermissions(access.domainRef(session), chat.ref(), new ChatPermissions(changed));
            return null;
        });
    }
}

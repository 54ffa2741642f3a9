package dev.tandem.chat;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** What a user may do with a chat; the wire names are the client's ({@code ChatPermission} in its typings). */
public enum ChatPermission {
    /** Create chats; a domain-wide permission that everyone holds here (there is no domain target yet). */
    CREATE("create_chat_channel"),
    REMOVE("remove_chat_channel"),
    /** Join a private channel (public channels and rooms are open to all). */
    JOIN("join_chat_channel"),
    LEAVE("leave_chat_channel"),
    ADD_USER("add_chat_user"),
    REMOVE_USER("remove_chat_user"),
    SET_NAME("set_chat_name"),
    SET_TOPIC("set_topic"),
    /** Read and change the chat's permissions. */
    MANAGE("manage_chat_permissions");

    private final String wireName;

    ChatPermission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for a name that is not a chat permission */
    public static ChatPermission fromWire(String name) {
        for (ChatPermission permission : values()) {
            if (permission.wireName.equals(name)) {
                return permission;
            }
        }
        throw new IllegalArgumentException("unknown chat permission '" + name + "'");
    }

    public static Set<ChatPermission> fromWire(Collection<String> names) {
        Set<ChatPermission> result = EnumSet.noneOf(ChatPermission.class);
        for (String name : names) {
            result.add(fromWire(name));
        }
        return result;
    }

    /** Every permission about an existing chat: what its creator is granted. */
    public static Set<ChatPermission> existingChat() {
        return EnumSet.complementOf(EnumSet.of(CREATE));
    }
}

package dev.tandem.chat;

import java.util.Locale;

/** Who may find and join a chat: everyone (public) or its members and those granted {@code join_chat_channel}. */
public enum ChatMembership {
    PUBLIC,
    PRIVATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static ChatMembership fromWire(String name) {
        for (ChatMembership membership : values()) {
            if (membership.wireName().equals(name)) {
                return membership;
            }
        }
        throw new IllegalArgumentException("unknown chat membership '" + name + "'");
    }
}

package dev.tandem.chat;

import java.util.Locale;

/** The three kinds of chat; the names are the client's. */
public enum ChatType {
    /** Persistent members, added or joining; public or private. */
    CHANNEL,
    /** Members are the sessions joined right now; always public. */
    ROOM,
    /** A fixed set of users, found again by that set; always private. */
    DIRECT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static ChatType fromWire(String name) {
        for (ChatType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown chat type '" + name + "'");
    }
}

package dev.tandem.chat;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The kinds of numbered chat events; the wire names are the client's history entry types. */
public enum ChatEventType {
    CREATED,
    MESSAGE,
    USER_JOINED,
    USER_LEFT,
    USER_ADDED,
    USER_REMOVED,
    NAME_CHANGED,
    TOPIC_CHANGED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static Set<ChatEventType> fromWire(Collection<String> names) {
        Set<ChatEventType> result = EnumSet.noneOf(ChatEventType.class);
        for (String name : names) {
            ChatEventType found = null;
            for (ChatEventType type : values()) {
                if (type.wireName().equals(name)) {
                    found = type;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown chat event type '" + name + "'");
            }
            result.add(found);
        }
        return result;
    }
}

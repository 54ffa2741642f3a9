package dev.tandem.interfaces.realtime.dispatch;

import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The table from message body type to handler, filled once at start by {@link HandlerRegistration}s. */
public final class HandlerRegistry {

    /** Whether a message kind arrives as a request (with {@code requestId}, expects a reply) or as a normal message. */
    public enum Kind {
        REQUEST,
        NORMAL
    }

    record Entry(Kind kind, MessageHandler handler) {}

    private final Map<BodyCase, Entry> entries = new EnumMap<>(BodyCase.class);

    /** Registers the handler of a client request. */
    public HandlerRegistry request(BodyCase body, MessageHandler handler) {
        return add(body, Kind.REQUEST, handler);
    }

    /** Registers the handler of a normal (fire-and-forget) client message. */
    public HandlerRegistry message(BodyCase body, MessageHandler handler) {
        return add(body, Kind.NORMAL, handler);
    }

    private HandlerRegistry add(BodyCase body, Kind kind, MessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (!ClientMessageKinds.isSentByClient(body)) {
            throw new IllegalArgumentException(body + " is not a message the client sends");
        }
        Entry previous = entries.putIfAbsent(body, new Entry(kind, handler));
        if (previous != null) {
            throw new IllegalStateException("two handlers registered for " + body);
        }
        return this;
    }

    Entry get(BodyCase body) {
        return entries.get(body);
    }
}

package dev.tandem.chat;

import dev.tandem.chat.ChatRooms.RoomKey;
import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.common.SerialExecutor;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chat across the nodes of a cluster: what a change of a chat must tell its members reaches the sessions connected to
 * every other node too.
 *
 * <p>A channel's or a direct chat's members are stored, so their deliveries name users, and each node tells its own
 * sessions of those users. A room's members are the sessions joined to it, which each node keeps for its own sessions
 * ({@link ChatRooms}): a node that receives a room's delivery tells its sessions joined to that room, and applies what
 * the delivery changes in its rooms (the room's removal, a seen marker). Events are numbered by the database, so each
 * is one event everywhere; a node receives one sending node's deliveries in the order they were sent.
 *
 * <p>With clustering off it does nothing. Not yet shared (noted in the README): a room's member list and the
 * joined/left events of a user whose sessions sit on several nodes are each node's own.
 */
@ApplicationScoped
public class ChatRelay {

    static final String CHANNEL = "chat-deliveries";

    private static final Logger LOG = Logger.getLogger(ChatRelay.class.getName());

    @Inject
    ClusterMembership membership;

    @Inject
    ChatAccess access;

    @Inject
    ChatDeliverySink sink;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ContextService contexts;

    private Executor inbox;

    /** Listens from the start, so that other nodes' deliveries find their receiver. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the bean's creation does the work (start())
    }

    @PostConstruct
    void start() {
        if (!membership.clustered()) {
            return;
        }
        // Deliveries arrive on the data grid's threads; they are handed to the application's pool in the context
        // captured here (the identity cache they use reads the database).
        inbox = new SerialExecutor(contexts.createContextualProxy((Executor) executor::execute, Executor.class));
        membership.listen(CHANNEL, (from, message) -> inbox.execute(() -> received(message)));
    }

    /** Sends a delivery made on this node to every other node. */
    void send(ChatDelivery delivery) {
        if (inbox == null) {
            return;
        }
        byte[] message = encode(delivery).getBytes(StandardCharsets.UTF_8);
        String self = membership.localMemberId();
        for (ClusterMember member : membership.members()) {
            if (!member.id().equals(self)) {
                membership.send(member.id(), CHANNEL, message);
            }
        }
    }

    private void received(byte[] message) {
        ChatDelivery delivery;
        try {
            delivery = decode(new String(message, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an unreadable chat delivery from another node was dropped", e);
            return;
        }
        localDelivery(delivery, access.rooms(), sink::deliver);
    }

    /**
     * Hands another node's delivery to this node's sessions: its users, and the sessions joined here to the chat if
     * it is a room (whose removal or seen marker is applied to this node's rooms first).
     */
    static void localDelivery(ChatDelivery delivery, ChatRooms rooms, Consumer<ChatDelivery> deliver) {
        RoomKey room = new RoomKey(delivery.namespace(), delivery.domainId(), delivery.chatId());
        Set<String> sessions;
        if (delivery.payload() instanceof ChatDelivery.Removed) {
            sessions = rooms.remove(room);
        } else {
            sessions = rooms.sessions(room);
            if (delivery.payload() instanceof ChatDelivery.Seen seen && !sessions.isEmpty()) {
                rooms.markSeen(room, seen.user(), seen.eventNumber());
            }
        }
        if (sessions.isEmpty() && delivery.users().isEmpty()) {
            return;
        }
        deliver.accept(new ChatDelivery(
                delivery.namespace(),
                delivery.domainId(),
                delivery.chatId(),
                delivery.payload(),
                delivery.users(),
                sessions));
    }

    // --- the wire between nodes: JSON ---

    static String encode(ChatDelivery delivery) {
        JsonArrayBuilder users = Json.createArrayBuilder();
        delivery.users().forEach(u -> users.add(user(u)));
        JsonObjectBuilder out = Json.createObjectBuilder()
                .add("namespace", delivery.namespace())
                .add("domainId", delivery.domainId())
                .add("chatId", delivery.chatId())
                .add("users", users);
        if (delivery.payload() instanceof ChatDelivery.Seen seen) {
            out.add("kind", "seen").add("user", user(seen.user())).add("eventNumber", seen.eventNumber());
        } else if (delivery.payload() instanceof ChatDelivery.Event e) {
            out.add("kind", "event").add("event", event(e.event()));
            if (e.session() != null) {
                out.add("session", e.session());
            }
        } else {
            out.add("kind", "removed");
        }
        return out.build().toString();
    }

    static ChatDelivery decode(String text) {
        JsonObject in;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            in = reader.readObject();
        }
        Set<DomainUserId> users = new HashSet<>();
        for (JsonValue u : in.getJsonArray("users")) {
            users.add(user(u.asJsonArray()));
        }
        ChatDelivery.Payload payload = switch (in.getString("kind")) {
            case "removed" -> new ChatDelivery.Removed();
            case "seen" ->
                new ChatDelivery.Seen(
                        user(in.getJsonArray("user")),
                        in.getJsonNumber("eventNumber").longValueExact());
            case "event" -> new ChatDelivery.Event(event(in.getJsonObject("event")), in.getString("session", null));
            default -> throw new IllegalArgumentException("unknown delivery " + in.getString("kind"));
        };
        return new ChatDelivery(
                in.getString("namespace"), in.getString("domainId"), in.getString("chatId"), payload, users, Set.of());
    }

    private static JsonObjectBuilder event(ChatEvent event) {
        JsonArrayBuilder members = Json.createArrayBuilder();
        event.members().forEach(m -> members.add(user(m)));
        JsonObjectBuilder out = Json.createObjectBuilder()
                .add("chatId", event.chatId())
                .add("number", event.number())
                .add("type", event.type().name())
                .add("user", user(event.user()))
                .add("timestamp", event.timestamp().toString())
                .add("members", members);
        if (event.target() != null) {
            out.add("target", user(event.target()));
        }
        if (event.text() != null) {
            out.add("text", event.text());
        }
        if (event.topic() != null) {
            out.add("topic", event.topic());
        }
        return out;
    }

    private static ChatEvent event(JsonObject in) {
        List<DomainUserId> members = new ArrayList<>();
        for (JsonValue m : in.getJsonArray("members")) {
            members.add(user(m.asJsonArray()));
        }
        return new ChatEvent(
                in.getString("chatId"),
                in.getJsonNumber("number").longValueExact(),
                ChatEventType.valueOf(in.getString("type")),
                user(in.getJsonArray("user")),
                Instant.parse(in.getString("timestamp")),
                in.containsKey("target") ? user(in.getJsonArray("target")) : null,
                in.getString("text", null),
                in.getString("topic", null),
                members);
    }

    private static JsonArrayBuilder user(DomainUserId user) {
        return Json.createArrayBuilder().add(user.type().name()).add(user.username());
    }

    private static DomainUserId user(JsonArray parts) {
        return new DomainUserId(UserType.valueOf(parts.getString(0).toUpperCase(Locale.ROOT)), parts.getString(1));
    }
}

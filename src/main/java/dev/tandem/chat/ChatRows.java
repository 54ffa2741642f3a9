package dev.tandem.chat;

import dev.tandem.chat.ChatStore.StoredChat;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.Grants;
import dev.tandem.identity.UserType;
import dev.tandem.persistence.GrantRows;
import dev.tandem.persistence.Jdbc;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link JdbcChatStore} lays chats and events out in rows: the columns of a chat and its permission rows, and
 * an event's row with its content (a {@code created} event keeps name, topic and members as JSON).
 */
final class ChatRows {

    static final GrantRows GRANTS = new GrantRows("chat_permissions", "chat_ref");
    static final String CHAT_COLUMNS = "id, chat_id, chat_type, membership, name, topic, created_at, "
            + "last_event_number, last_event_at, world_permissions";

    private ChatRows() {}

    static StoredChat chat(Connection c, ResultSet row) throws SQLException {
        String ref = row.getString(1);
        Grants<ChatPermission> grants = Grants.fromStored(
                ChatPermission.class, row.getString(10), GRANTS.read(c, ref), ChatPermission::fromWire);
        return new StoredChat(
                ref,
                row.getString(2),
                ChatType.fromWire(row.getString(3)),
                ChatMembership.fromWire(row.getString(4)),
                row.getString(5),
                row.getString(6),
                row.getObject(7, OffsetDateTime.class).toInstant(),
                row.getLong(8),
                row.getObject(9, OffsetDateTime.class).toInstant(),
                new ChatPermissions(grants));
    }

    static void insertEvent(Connection c, String domainRef, String chatRef, ChatEvent event) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO chat_events (chat_ref, event_number, "
                        + "domain_ref, event_type, user_type, username, event_at, target_type, target_name, content) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                chatRef,
                event.number(),
                domainRef,
                event.type().wireName(),
                event.user().type().name(),
                event.user().username(),
                event.timestamp().atOffset(ZoneOffset.UTC),
                event.target() == null ? null : event.target().type().name(),
                event.target() == null ? null : event.target().username(),
                content(event));
    }

    /** The created event keeps name, topic and members as JSON; the others their one text, if any. */
    private static String content(ChatEvent event) {
        if (event.type() != ChatEventType.CREATED) {
            return event.text();
        }
        JsonArrayBuilder members = Json.createArrayBuilder();
        event.members().forEach(m -> members.add(m.type().name() + ":" + m.username()));
        return Json.createObjectBuilder()
                .add("name", event.text())
                .add("topic", event.topic())
                .add("members", members)
                .build()
                .toString();
    }

    static ChatEvent event(String chatId, ResultSet row) throws SQLException {
        ChatEventType type =
                ChatEventType.fromWire(List.of(row.getString(2))).iterator().next();
        DomainUserId user = new DomainUserId(UserType.valueOf(row.getString(3)), row.getString(4));
        Instant at = row.getObject(5, OffsetDateTime.class).toInstant();
        String targetType = row.getString(6);
        DomainUserId target =
                targetType == null ? null : new DomainUserId(UserType.valueOf(targetType), row.getString(7));
        String content = row.getString(8);
        if (type != ChatEventType.CREATED) {
            return new ChatEvent(chatId, row.getLong(1), type, user, at, target, content, null, List.of());
        }
        JsonObject created = Json.createReader(new StringReader(content)).readObject();
        List<DomainUserId> members = new ArrayList<>();
        for (JsonString member : created.getJsonArray("members").getValuesAs(JsonString.class)) {
            String value = member.getString();
            int colon = value.indexOf(':');
            members.add(new DomainUserId(UserType.valueOf(value.substring(0, colon)), value.substring(colon + 1)));
        }
        return new ChatEvent(
                chatId,
                row.getLong(1),
                type,
                user,
                at,
                null,
                created.getString("name"),
                created.getString("topic"),
                members);
    }
}

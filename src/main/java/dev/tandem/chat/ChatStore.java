package dev.tandem.chat;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.Grants;
import dev.tandem.identity.UserType;
import dev.tandem.persistence.GrantRows;
import dev.tandem.persistence.Ids;
import dev.tandem.persistence.Jdbc;
import dev.tandem.persistence.LikePattern;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Durable chat state in plain JDBC: chats, members with their seen markers, numbered events and permissions.
 * Statements run through {@link Jdbc}; a failure is a {@link dev.tandem.persistence.StoreException}.
 *
 * <p>Event numbers: each event takes {@code last_event_number + 1} from its chat's row with an {@code UPDATE} in the
 * transaction that inserts it. The row stays locked until commit, so concurrent publishers (on any node) queue on
 * it, and a failed insert rolls the counter back: numbers increase by one per event without gaps.
 */
@ApplicationScoped
public class ChatStore {

    private static final GrantRows GRANTS = new GrantRows("chat_permissions", "chat_ref");
    private static final String CHAT_COLUMNS = "id, chat_id, chat_type, membership, name, topic, created_at, "
            + "last_event_number, last_event_at, world_permissions";

    @Resource(lookup = "java:app/jdbc/tandem")
    DataSource dataSource;

    /** A stored chat: its row, without members. {@code ref} is the row id. */
    public record StoredChat(
            String ref,
            String id,
            ChatType type,
            ChatMembership membership,
            String name,
            String topic,
            Instant created,
            long lastEventNumber,
            Instant lastEventTime,
            ChatPermissions permissions) {}

    /** What a new chat is made of. {@code directKey} is set for direct chats only. */
    public record NewChat(
            String id,
            ChatType type,
            ChatMembership membership,
            String name,
            String topic,
            List<DomainUserId> members,
            DomainUserId creator,
            String directKey,
            ChatPermissions permissions) {}

    /** A page of history: the events and how many match in all. */
    public record HistoryPage(List<ChatEvent> events, long total) {}

    /**
     * Stores a new chat with its members and its {@code created} event (number 0).
     *
     * @return empty if the domain has a chat with that id (or, for a direct chat, with those members)
     */
    @Transactional
    public Optional<StoredChat> create(String domainRef, NewChat chat, Instant now) {
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        return Jdbc.run(dataSource, "creating chat " + chat.id(), c -> {
            if (findRow(c, "chat_id", domainRef, chat.id()).isPresent()
                    || (chat.directKey() != null
                            && findRow(c, "direct_key", domainRef, chat.directKey())
                                    .isPresent())) {
                return Optional.empty();
            }
            String ref = Ids.newId();
            Jdbc.update(
                    c,
                    "INSERT INTO chats (id, domain_ref, chat_id, chat_type, "
                            + "membership, name, topic, created_at, last_event_number, last_event_at, direct_key, "
                            + "world_permissions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                    ref,
                    domainRef,
                    chat.id(),
                    chat.type().wireName(),
                    chat.membership().wireName(),
                    chat.name(),
                    chat.topic(),
                    created.atOffset(ZoneOffset.UTC),
                    created.atOffset(ZoneOffset.UTC),
                    chat.directKey(),
                    chat.permissions().grants().worldNames(ChatPermission::wireName));
            for (DomainUserId member : chat.members()) {
                insertMember(c, domainRef, ref, member);
            }
            GRANTS.replace(c, domainRef, ref, chat.permissions().grants().rows(ChatPermission::wireName));
            ChatEvent event = new ChatEvent(
                    chat.id(),
                    0,
                    ChatEventType.CREATED,
                    chat.creator(),
                    created,
                    null,
                    chat.name(),
                    chat.topic(),
                    chat.members());
            insertEvent(c, domainRef, ref, event);
            return Optional.of(new StoredChat(
                    ref,
                    chat.id(),
                    chat.type(),
                    chat.membership(),
                    chat.name(),
                    chat.topic(),
                    created,
                    0,
                    created,
                    chat.permissions()));
        });
    }

    /** The chat with that id. */
    @Transactional
    public Optional<StoredChat> find(String domainRef, String chatId) {
        return Jdbc.run(dataSource, "reading chat " + chatId, c -> findRow(c, "chat_id", domainRef, chatId));
    }

    /** The direct chat of exactly the users that {@code directKey} was made from. */
    @Transactional
    public Optional<StoredChat> findDirect(String domainRef, String directKey) {
        return Jdbc.run(dataSource, "reading a direct chat", c -> findRow(c, "direct_key", domainRef, directKey));
    }

    /** The stored members, in the order they were added. */
    @Transactional
    public List<ChatMember> members(String chatRef) {
        return Jdbc.run(
                dataSource,
                "reading chat members",
                c -> Jdbc.list(
                        c,
                        "SELECT user_type, username, max_seen "
                                + "FROM chat_members WHERE chat_ref = ? ORDER BY username, user_type",
                        row -> new ChatMember(
                                new DomainUserId(UserType.valueOf(row.getString(1)), row.getString(2)), row.getLong(3)),
                        chatRef));
    }

    /** The ids of the chats (channels and direct) the user is a stored member of. */
    @Transactional
    public List<String> chatsOf(String domainRef, DomainUserId user) {
        return Jdbc.run(
                dataSource,
                "reading the chats of " + user,
                c -> Jdbc.list(
                        c,
                        "SELECT c.chat_id "
                                + "FROM chat_members m JOIN chats c "
                                + "ON c.id = m.chat_ref WHERE m.domain_ref = ? AND m.user_type = ? AND m.username = ? "
                                + "ORDER BY c.chat_id",
                        row -> row.getString(1),
                        domainRef,
                        user.type().name(),
                        user.username()));
    }

    /**
     * Appends an event and applies what it changes (name, topic, membership) in one transaction.
     *
     * @param draft the event; its number and time are assigned here
     * @return the stored event
     */
    @Transactional
    public ChatEvent append(String domainRef, StoredChat chat, ChatEvent draft, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return Jdbc.run(dataSource, "appending to chat " + chat.id(), c -> {
            if (Jdbc.update(
                            c,
                            "UPDATE chats SET last_event_number = "
                                    + "last_event_number + 1, last_event_at = ? WHERE id = ?",
                            at.atOffset(ZoneOffset.UTC),
                            chat.ref())
                    != 1) {
                throw new IllegalStateException("chat " + chat.id() + " vanished");
            }
            long number = Jdbc.count(c, "SELECT last_event_number FROM chats WHERE id = ?", chat.ref());
            ChatEvent event = new ChatEvent(
                    chat.id(),
                    number,
                    draft.type(),
                    draft.user(),
                    at,
                    draft.target(),
                    draft.text(),
                    draft.topic(),
                    draft.members());
            insertEvent(c, domainRef, chat.ref(), event);
            switch (event.type()) {
                case NAME_CHANGED -> updateColumn(c, "name", chat.ref(), event.text());
                case TOPIC_CHANGED -> updateColumn(c, "topic", chat.ref(), event.text());
                case USER_ADDED -> insertMember(c, domainRef, chat.ref(), event.target());
                case USER_JOINED -> {
                    if (chat.type() != ChatType.ROOM) {
                        insertMember(c, domainRef, chat.ref(), event.user());
                    }
                }
                case USER_REMOVED -> deleteMember(c, chat.ref(), event.target());
                case USER_LEFT -> {
                    if (chat.type() != ChatType.ROOM) {
                        deleteMember(c, chat.ref(), event.user());
                    }
                }
                default -> {}
            }
            return event;
        });
    }

    /** Raises the member's seen marker to {@code eventNumber} (never lowers it); false if not a stored member. */
    @Transactional
    public boolean markSeen(String chatRef, DomainUserId user, long eventNumber) {
        return Jdbc.run(
                dataSource,
                "marking chat events seen",
                c -> Jdbc.update(
                                c,
                                "UPDATE chat_members "
                                        + "SET max_seen = CASE WHEN "
                                        + "max_seen < ? THEN ? ELSE max_seen END "
                                        + "WHERE chat_ref = ? AND user_type = ? AND username = ?",
                                eventNumber,
                                eventNumber,
                                chatRef,
                                user.type().name(),
                                user.username())
                        == 1);
    }

    /** Deletes the chat with everything it holds. */
    @Transactional
    public void delete(String chatRef) {
        Jdbc.execute(dataSource, "deleting a chat", c -> {
            GRANTS.delete(c, chatRef);
            for (String table : List.of("chat_events", "chat_members")) {
                Jdbc.update(c, "DELETE FROM " + table + " WHERE chat_ref = ?", chatRef);
            }
            Jdbc.update(c, "DELETE FROM chats WHERE id = ?", chatRef);
        });
    }

    /** Replaces the chat's permissions. */
    @Transactional
    public void setPermissions(String domainRef, String chatRef, ChatPermissions permissions) {
        Jdbc.execute(dataSource, "changing chat permissions", c -> {
            updateColumn(c, "world_permissions", chatRef, permissions.grants().worldNames(ChatPermission::wireName));
            GRANTS.replace(c, domainRef, chatRef, permissions.grants().rows(ChatPermission::wireName));
        });
    }

    /**
     * A page of the chat's events of the given types (all if empty): forward from {@code start} (ascending numbers
     * from it) or backward (descending numbers from it), skipping {@code offset} and returning at most
     * {@code limit}; {@code total} counts every event on that side of {@code start}.
     */
    @Transactional
    public HistoryPage history(
            StoredChat chat, Set<ChatEventType> types, long start, boolean forward, long offset, int limit) {
        return history(chat, types, null, start, forward, offset, limit);
    }

    /**
     * A page of the chat's events as {@link #history(StoredChat, Set, long, boolean, long, int)}, keeping only those
     * whose text (message, name or topic) contains {@code text} ignoring case; {@code null} keeps all.
     */
    @Transactional
    public HistoryPage history(
            StoredChat chat,
            Set<ChatEventType> types,
            String text,
            long start,
            boolean forward,
            long offset,
            int limit) {
        String typeClause = types.isEmpty()
                ? ""
                : " AND event_type IN (" + types.stream().map(t -> "?").collect(Collectors.joining(", ")) + ")";
        String textClause = text == null ? "" : " AND LOWER(content) LIKE ? ESCAPE '!'";
        String where = " FROM chat_events WHERE chat_ref = ? AND event_number " + (forward ? ">=" : "<=") + " ?"
                + typeClause + textClause;
        return Jdbc.run(dataSource, "reading chat history", c -> {
            long total = Jdbc.count(
                    c, "SELECT COUNT(*)" + where, statement -> bindHistory(statement, chat.ref(), start, types, text));
            List<ChatEvent> events = Jdbc.list(
                    c,
                    "SELECT event_number, event_type, user_type, username, "
                            + "event_at, target_type, target_name, content" + where + " ORDER BY event_number "
                            + (forward ? "ASC" : "DESC") + " LIMIT ? OFFSET ?",
                    statement -> {
                        int next = bindHistory(statement, chat.ref(), start, types, text);
                        statement.setInt(next, limit);
                        statement.setLong(next + 1, offset);
                    },
                    row -> event(chat.id(), row));
            return new HistoryPage(events, total);
        });
    }

    /**
     * Chats whose id, name or topic (as {@code fields} say; name and topic if empty) contain {@code term} ignoring
     * case, of the given types (all if empty) and membership (any if {@code null}), visible to {@code user} (public,
     * or the user is a member; everything for a domain administrator), ordered by id. Unpaged: the caller pages.
     */
    @Transactional
    public List<StoredChat> search(
            String domainRef,
            DomainUserId user,
            String term,
            Collection<String> fields,
            Set<ChatType> types,
            ChatMembership membership) {
        StringBuilder sql = new StringBuilder("SELECT " + CHAT_COLUMNS + " FROM chats c WHERE domain_ref = ?");
        List<String> params = new ArrayList<>(List.of(domainRef));
        if (user.type() != UserType.CONVERGENCE) {
            // Domain administrators see every chat, as ChatService's visibility rule has it.
            sql.append(" AND (membership = 'public' OR EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_ref = c.id "
                    + "AND m.user_type = ? AND m.username = ?))");
            params.add(user.type().name());
            params.add(user.username());
        }
        if (!types.isEmpty()) {
            sql.append(" AND chat_type IN (")
                    .append(types.stream().map(t -> "?").collect(Collectors.joining(", ")))
                    .append(")");
            types.forEach(t -> params.add(t.wireName()));
        }
        if (membership != null) {
            sql.append(" AND membership = ?");
            params.add(membership.wireName());
        }
        if (term != null && !term.isEmpty()) {
            List<String> columns = new ArrayList<>();
            if (fields.contains("id")) {
                columns.add("LOWER(chat_id) LIKE ? ESCAPE '\\'");
            }
            if (fields.isEmpty() || fields.contains("name")) {
                columns.add("LOWER(name) LIKE ? ESCAPE '\\'");
            }
            if (fields.isEmpty() || fields.contains("topic")) {
                columns.add("LOWER(topic) LIKE ? ESCAPE '\\'");
            }
            if (columns.isEmpty()) {
                return List.of();
            }
            sql.append(" AND (").append(String.join(" OR ", columns)).append(")");
            String pattern = "%"
                    + term.toLowerCase(Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_") + "%";
            columns.forEach(col -> params.add(pattern));
        }
        sql.append(" ORDER BY chat_id");
        return Jdbc.run(
                dataSource,
                "searching chats",
                c -> Jdbc.list(c, sql.toString(), row -> chat(c, row), params.toArray()));
    }

    private static int bindHistory(
            PreparedStatement statement, String chatRef, long start, Set<ChatEventType> types, String text)
            throws SQLException {
        statement.setString(1, chatRef);
        statement.setLong(2, start);
        int index = 3;
        for (ChatEventType type : types) {
            statement.setString(index++, type.wireName());
        }
        if (text != null) {
            statement.setString(index++, LikePattern.contains(text));
        }
        return index;
    }

    private static Optional<StoredChat> findRow(Connection c, String column, String domainRef, String value)
            throws SQLException {
        return Jdbc.optional(
                c,
                "SELECT " + CHAT_COLUMNS + " FROM chats WHERE domain_ref = ? " + "AND " + column + " = ?",
                row -> chat(c, row),
                domainRef,
                value);
    }

    private static StoredChat chat(Connection c, ResultSet row) throws SQLException {
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

    private static void updateColumn(Connection c, String column, String chatRef, String value) throws SQLException {
        Jdbc.update(c, "UPDATE chats SET " + column + " = ? WHERE id = ?", value, chatRef);
    }

    private static void insertMember(Connection c, String domainRef, String chatRef, DomainUserId user)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO chat_members (id, domain_ref, chat_ref, "
                        + "user_type, username, max_seen) VALUES (?, ?, ?, ?, ?, -1)",
                Ids.newId(),
                domainRef,
                chatRef,
                user.type().name(),
                user.username());
    }

    private static void deleteMember(Connection c, String chatRef, DomainUserId user) throws SQLException {
        Jdbc.update(
                c,
                "DELETE FROM chat_members WHERE chat_ref = ? AND " + "user_type = ? AND username = ?",
                chatRef,
                user.type().name(),
                user.username());
    }

    private static void insertEvent(Connection c, String domainRef, String chatRef, ChatEvent event)
            throws SQLException {
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

    private static ChatEvent event(String chatId, ResultSet row) throws SQLException {
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

package dev.tandem.chat;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.Grants;
import dev.tandem.identity.UserType;
import dev.tandem.persistence.GrantRows;
import dev.tandem.persistence.Ids;
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
    public record StoredChat(String ref, String id, ChatType type, ChatMembership membership, String name,
                             String topic, Instant created, long lastEventNumber, Instant lastEventTime,
                             ChatPermissions permissions) {
    }

    /** What a new chat is made of. {@code directKey} is set for direct chats only. */
    public record NewChat(String id, ChatType type, ChatMembership membership, String name, String topic,
                          List<DomainUserId> members, DomainUserId creator, String directKey,
                          ChatPermissions permissions) {
    }

    /** A page of history: the events and how many match in all. */
    public record HistoryPage(List<ChatEvent> events, long total) {
    }

    /**
     * Stores a new chat with its members and its {@code created} event (number 0).
     *
     * @return empty if the domain has a chat with that id (or, for a direct chat, with those members)
     */
    @Transactional
    public Optional<StoredChat> create(String domainRef, NewChat chat, Instant now) {
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection()) {
            if (findRow(c, "chat_id", domainRef, chat.id()).isPresent()
                    || (chat.directKey() != null
                    && findRow(c, "direct_key", domainRef, chat.directKey()).isPresent())) {
                return Optional.empty();
            }
            String ref = Ids.newId();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO chats (id, domain_ref, chat_id, chat_type, "
                    + "membership, name, topic, created_at, last_event_number, last_event_at, direct_key, "
                    + "world_permissions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
                insert.setString(1, ref);
                insert.setString(2, domainRef);
                insert.setString(3, chat.id());
                insert.setString(4, chat.type().wireName());
                insert.setString(5, chat.membership().wireName());
                insert.setString(6, chat.name());
                insert.setString(7, chat.topic());
                insert.setObject(8, created.atOffset(ZoneOffset.UTC));
                insert.setObject(9, created.atOffset(ZoneOffset.UTC));
                insert.setString(10, chat.directKey());
                insert.setString(11, chat.permissions().grants().worldNames(ChatPermission::wireName));
                insert.executeUpdate();
            }
            for (DomainUserId member : chat.members()) {
                insertMember(c, domainRef, ref, member);
            }
            GRANTS.replace(c, domainRef, ref, chat.permissions().grants().rows(ChatPermission::wireName));
            ChatEvent event = new ChatEvent(chat.id(), 0, ChatEventType.CREATED, chat.creator(), created, null,
                    chat.name(), chat.topic(), chat.members());
            insertEvent(c, domainRef, ref, event);
            return Optional.of(new StoredChat(ref, chat.id(), chat.type(), chat.membership(), chat.name(),
                    chat.topic(), created, 0, created, chat.permissions()));
        } catch (SQLException e) {
            throw new IllegalStateException("creating chat " + chat.id(), e);
        }
    }

    /** The chat with that id. */
    @Transactional
    public Optional<StoredChat> find(String domainRef, String chatId) {
        try (Connection c = dataSource.getConnection()) {
            return findRow(c, "chat_id", domainRef, chatId);
        } catch (SQLException e) {
            throw new IllegalStateException("reading chat " + chatId, e);
        }
    }

    /** The direct chat of exactly the users that {@code directKey} was made from. */
    @Transactional
    public Optional<StoredChat> findDirect(String domainRef, String directKey) {
        try (Connection c = dataSource.getConnection()) {
            return findRow(c, "direct_key", domainRef, directKey);
        } catch (SQLException e) {
            throw new IllegalStateException("reading a direct chat", e);
        }
    }

    /** The stored members, in the order they were added. */
    @Transactional
    public List<ChatMember> members(String chatRef) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT user_type, username, max_seen FROM chat_members "
                        + "WHERE chat_ref = ? ORDER BY username, user_type")) {
            query.setString(1, chatRef);
            List<ChatMember> members = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    members.add(new ChatMember(new DomainUserId(UserType.valueOf(row.getString(1)),
                            row.getString(2)), row.getLong(3)));
                }
            }
            return members;
        } catch (SQLException e) {
            throw new IllegalStateException("reading chat members", e);
        }
    }

    /** The ids of the chats (channels and direct) the user is a stored member of. */
    @Transactional
    public List<String> chatsOf(String domainRef, DomainUserId user) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT c.chat_id FROM chat_members m JOIN chats c "
                        + "ON c.id = m.chat_ref WHERE m.domain_ref = ? AND m.user_type = ? AND m.username = ? "
                        + "ORDER BY c.chat_id")) {
            query.setString(1, domainRef);
            query.setString(2, user.type().name());
            query.setString(3, user.username());
            List<String> ids = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the chats of " + user, e);
        }
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
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement next = c.prepareStatement("UPDATE chats SET last_event_number = "
                    + "last_event_number + 1, last_event_at = ? WHERE id = ?")) {
                next.setObject(1, at.atOffset(ZoneOffset.UTC));
                next.setString(2, chat.ref());
                if (next.executeUpdate() != 1) {
                    throw new IllegalStateException("chat " + chat.id() + " vanished");
                }
            }
            long number;
            try (PreparedStatement read = c.prepareStatement("SELECT last_event_number FROM chats WHERE id = ?")) {
                read.setString(1, chat.ref());
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    number = row.getLong(1);
                }
            }
            ChatEvent event = new ChatEvent(chat.id(), number, draft.type(), draft.user(), at, draft.target(),
                    draft.text(), draft.topic(), draft.members());
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
                default -> {
                }
            }
            return event;
        } catch (SQLException e) {
            throw new IllegalStateException("appending to chat " + chat.id(), e);
        }
    }

    /** Raises the member's seen marker to {@code eventNumber} (never lowers it); false if not a stored member. */
    @Transactional
    public boolean markSeen(String chatRef, DomainUserId user, long eventNumber) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE chat_members SET max_seen = CASE WHEN "
                        + "max_seen < ? THEN ? ELSE max_seen END "
                        + "WHERE chat_ref = ? AND user_type = ? AND username = ?")) {
            update.setLong(1, eventNumber);
            update.setLong(2, eventNumber);
            update.setString(3, chatRef);
            update.setString(4, user.type().name());
            update.setString(5, user.username());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("marking chat events seen", e);
        }
    }

    /** Deletes the chat with everything it holds. */
    @Transactional
    public void delete(String chatRef) {
        try (Connection c = dataSource.getConnection()) {
            GRANTS.delete(c, chatRef);
            for (String table : List.of("chat_events", "chat_members")) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE chat_ref = ?")) {
                    delete.setString(1, chatRef);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM chats WHERE id = ?")) {
                delete.setString(1, chatRef);
                delete.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("deleting a chat", e);
        }
    }

    /** Replaces the chat's permissions. */
    @Transactional
    public void setPermissions(String domainRef, String chatRef, ChatPermissions permissions) {
        try (Connection c = dataSource.getConnection()) {
            updateColumn(c, "world_permissions", chatRef, permissions.grants().worldNames(ChatPermission::wireName));
            GRANTS.replace(c, domainRef, chatRef, permissions.grants().rows(ChatPermission::wireName));
        } catch (SQLException e) {
            throw new IllegalStateException("changing chat permissions", e);
        }
    }

    /**
     * A page of the chat's events of the given types (all if empty): forward from {@code start} (ascending numbers
     * from it) or backward (descending numbers from it), skipping {@code offset} and returning at most
     * {@code limit}; {@code total} counts every event on that side of {@code start}.
     */
    @Transactional
    public HistoryPage history(StoredChat chat, Set<ChatEventType> types, long start, boolean forward, long offset,
                               int limit) {
        return history(chat, types, null, start, forward, offset, limit);
    }

    /**
     * A page of the chat's events as {@link #history(StoredChat, Set, long, boolean, long, int)}, keeping only those
     * whose text (message, name or topic) contains {@code text} ignoring case; {@code null} keeps all.
     */
    @Transactional
    public HistoryPage history(StoredChat chat, Set<ChatEventType> types, String text, long start, boolean forward,
                               long offset, int limit) {
        String typeClause = types.isEmpty() ? "" : " AND event_type IN ("
                + types.stream().map(t -> "?").collect(Collectors.joining(", ")) + ")";
        String textClause = text == null ? "" : " AND LOWER(content) LIKE ? ESCAPE '!'";
        String where = " FROM chat_events WHERE chat_ref = ? AND event_number " + (forward ? ">=" : "<=") + " ?"
                + typeClause + textClause;
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*)" + where)) {
                bindHistory(count, chat.ref(), start, types, text);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<ChatEvent> events = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT event_number, event_type, user_type, username, "
                    + "event_at, target_type, target_name, content" + where + " ORDER BY event_number "
                    + (forward ? "ASC" : "DESC") + " LIMIT ? OFFSET ?")) {
                int next = bindHistory(query, chat.ref(), start, types, text);
                query.setInt(next, limit);
                query.setLong(next + 1, offset);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        events.add(event(chat.id(), row));
                    }
                }
            }
            return new HistoryPage(events, total);
        } catch (SQLException e) {
            throw new IllegalStateException("reading chat history", e);
        }
    }

    /**
     * Chats whose id, name or topic (as {@code fields} say; name and topic if empty) contain {@code term} ignoring
     * case, of the given types (all if empty) and membership (any if {@code null}), visible to {@code user} (public,
     * or the user is a member; everything for a domain administrator), ordered by id. Unpaged: the caller pages.
     */
    @Transactional
    public List<StoredChat> search(String domainRef, DomainUserId user, String term, Collection<String> fields,
                                   Set<ChatType> types, ChatMembership membership) {
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
            sql.append(" AND chat_type IN (").append(types.stream().map(t -> "?").collect(Collectors.joining(", ")))
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
            String pattern = "%" + term.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            columns.forEach(col -> params.add(pattern));
        }
        sql.append(" ORDER BY chat_id");
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                query.setString(i + 1, params.get(i));
            }
            List<StoredChat> result = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    result.add(chat(c, row));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("searching chats", e);
        }
    }

    private static int bindHistory(PreparedStatement statement, String chatRef, long start, Set<ChatEventType> types,
                                   String text) throws SQLException {
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
        try (PreparedStatement query = c.prepareStatement("SELECT " + CHAT_COLUMNS + " FROM chats WHERE domain_ref = ? "
                + "AND " + column + " = ?")) {
            query.setString(1, domainRef);
            query.setString(2, value);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(chat(c, row)) : Optional.empty();
            }
        }
    }

    private static StoredChat chat(Connection c, ResultSet row) throws SQLException {
        String ref = row.getString(1);
        Grants<ChatPermission> grants = Grants.fromStored(ChatPermission.class, row.getString(10),
                GRANTS.read(c, ref), ChatPermission::fromWire);
        return new StoredChat(ref, row.getString(2), ChatType.fromWire(row.getString(3)),
                ChatMembership.fromWire(row.getString(4)), row.getString(5), row.getString(6),
                row.getObject(7, OffsetDateTime.class).toInstant(), row.getLong(8),
                row.getObject(9, OffsetDateTime.class).toInstant(), new ChatPermissions(grants));
    }

    private static void updateColumn(Connection c, String column, String chatRef, String value) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE chats SET " + column + " = ? WHERE id = ?")) {
            update.setString(1, value);
            update.setString(2, chatRef);
            update.executeUpdate();
        }
    }

    private static void insertMember(Connection c, String domainRef, String chatRef, DomainUserId user)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO chat_members (id, domain_ref, chat_ref, "
                + "user_type, username, max_seen) VALUES (?, ?, ?, ?, ?, -1)")) {
            insert.setString(1, Ids.newId());
            insert.setString(2, domainRef);
            insert.setString(3, chatRef);
            insert.setString(4, user.type().name());
            insert.setString(5, user.username());
            insert.executeUpdate();
        }
    }

    private static void deleteMember(Connection c, String chatRef, DomainUserId user) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM chat_members WHERE chat_ref = ? AND "
                + "user_type = ? AND username = ?")) {
            delete.setString(1, chatRef);
            delete.setString(2, user.type().name());
            delete.setString(3, user.username());
            delete.executeUpdate();
        }
    }

    private static void insertEvent(Connection c, String domainRef, String chatRef, ChatEvent event)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO chat_events (chat_ref, event_number, "
                + "domain_ref, event_type, user_type, username, event_at, target_type, target_name, content) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, chatRef);
            insert.setLong(2, event.number());
            insert.setString(3, domainRef);
            insert.setString(4, event.type().wireName());
            insert.setString(5, event.user().type().name());
            insert.setString(6, event.user().username());
            insert.setObject(7, event.timestamp().atOffset(ZoneOffset.UTC));
            insert.setString(8, event.target() == null ? null : event.target().type().name());
            insert.setString(9, event.target() == null ? null : event.target().username());
            insert.setString(10, content(event));
            insert.executeUpdate();
        }
    }

    /** The created event keeps name, topic and members as JSON; the others their one text, if any. */
    private static String content(ChatEvent event) {
        if (event.type() != ChatEventType.CREATED) {
            return event.text();
        }
        JsonArrayBuilder members = Json.createArrayBuilder();
        event.members().forEach(m -> members.add(m.type().name() + ":" + m.username()));
        return Json.createObjectBuilder().add("name", event.text()).add("topic", event.topic())
                .add("members", members).build().toString();
    }

    private static ChatEvent event(String chatId, ResultSet row) throws SQLException {
        ChatEventType type = ChatEventType.fromWire(List.of(row.getString(2))).iterator().next();
        DomainUserId user = new DomainUserId(UserType.valueOf(row.getString(3)), row.getString(4));
        Instant at = row.getObject(5, OffsetDateTime.class).toInstant();
        String targetType = row.getString(6);
        DomainUserId target = targetType == null ? null : new DomainUserId(UserType.valueOf(targetType),
                row.getString(7));
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
        return new ChatEvent(chatId, row.getLong(1), type, user, at, null, created.getString("name"),
                created.getString("topic"), members);
    }
}

package dev.tandem.chat;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import dev.tandem.persistence.Ids;
import dev.tandem.persistence.Jdbc;
import dev.tandem.persistence.LikePattern;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
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
 * The {@link ChatStore} in plain JDBC. Statements run through {@link Jdbc}; a failure is a
 * {@link dev.tandem.persistence.StoreException}. Each method is one transaction (the caller's, if it has one).
 *
 * <p>Event numbers: each event takes {@code last_event_number + 1} from its chat's row with an {@code UPDATE} in the
 * transaction that inserts it. The row stays locked until commit, so concurrent publishers (on any node) queue on
 * it, and a failed insert rolls the counter back: numbers increase by one per event without gaps.
 */
@ApplicationScoped
public class JdbcChatStore implements ChatStore {

    @Resource(lookup = "java:app/jdbc/tandem")
    DataSource dataSource;

    @Override
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
            ChatRows.GRANTS.replace(
                    c, domainRef, ref, chat.permissions().grants().rows(ChatPermission::wireName));
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
            ChatRows.insertEvent(c, domainRef, ref, event);
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

    @Override
    @Transactional
    public Optional<StoredChat> find(String domainRef, String chatId) {
        return Jdbc.run(dataSource, "reading chat " + chatId, c -> findRow(c, "chat_id", domainRef, chatId));
    }

    @Override
    @Transactional
    public Optional<StoredChat> findDirect(String domainRef, String directKey) {
        return Jdbc.run(dataSource, "reading a direct chat", c -> findRow(c, "direct_key", domainRef, directKey));
    }

    @Override
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

    @Override
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

    @Override
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
            ChatRows.insertEvent(c, domainRef, chat.ref(), event);
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

    @Override
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

    @Override
    @Transactional
    public void delete(String chatRef) {
        Jdbc.execute(dataSource, "deleting a chat", c -> {
            ChatRows.GRANTS.delete(c, chatRef);
            for (String table : List.of("chat_events", "chat_members")) {
                Jdbc.update(c, "DELETE FROM " + table + " WHERE chat_ref = ?", chatRef);
            }
            Jdbc.update(c, "DELETE FROM chats WHERE id = ?", chatRef);
        });
    }

    @Override
    @Transactional
    public void setPermissions(String domainRef, String chatRef, ChatPermissions permissions) {
        Jdbc.execute(dataSource, "changing chat permissions", c -> {
            updateColumn(c, "world_permissions", chatRef, permissions.grants().worldNames(ChatPermission::wireName));
            ChatRows.GRANTS.replace(c, domainRef, chatRef, permissions.grants().rows(ChatPermission::wireName));
        });
    }

    @Override
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
                    row -> ChatRows.event(chat.id(), row));
            return new HistoryPage(events, total);
        });
    }

    @Override
    @Transactional
    public List<StoredChat> search(
            String domainRef,
            DomainUserId user,
            String term,
            Collection<String> fields,
            Set<ChatType> types,
            ChatMembership membership) {
        StringBuilder sql = new StringBuilder("SELECT " + ChatRows.CHAT_COLUMNS + " FROM chats c WHERE domain_ref = ?");
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
                c -> Jdbc.list(c, sql.toString(), row -> ChatRows.chat(c, row), params.toArray()));
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
                "SELECT " + ChatRows.CHAT_COLUMNS + " FROM chats WHERE domain_ref = ? " + "AND " + column + " = ?",
                row -> ChatRows.chat(c, row),
                domainRef,
                value);
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
}

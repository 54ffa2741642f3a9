-- Chat: channels, rooms and direct chats, their persistent members (channels and direct chats; a room's members are
-- its joined sessions, kept in memory), their numbered events and their permissions (dev.tandem.chat).
-- Portable SQL (H2 2.2 and PostgreSQL 15).

CREATE TABLE chats (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    domain_ref        VARCHAR(36)   NOT NULL,
    chat_id           VARCHAR(255)  NOT NULL,
    -- channel, room or direct
    chat_type         VARCHAR(16)   NOT NULL,
    -- public or private
    membership        VARCHAR(16)   NOT NULL,
    name              VARCHAR(1024) NOT NULL,
    topic             VARCHAR(1024) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the counter that numbers events: incremented in the transaction that inserts the event, so the row lock
    -- orders concurrent publishes and a rolled-back insert leaves no gap
    last_event_number BIGINT        NOT NULL,
    last_event_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- direct chats only: a digest of the sorted member ids, to find the chat again by its set of users
    direct_key        VARCHAR(64),
    -- comma-separated permission names granted to everyone
    world_permissions VARCHAR(512)  NOT NULL,
    CONSTRAINT uq_chats_id UNIQUE (domain_ref, chat_id),
    CONSTRAINT uq_chats_direct UNIQUE (domain_ref, direct_key),
    CONSTRAINT fk_chats_domain FOREIGN KEY (domain_ref) REFERENCES domains (id)
);

-- Members of channels and direct chats, with the highest event number each has marked seen (-1: none).
CREATE TABLE chat_members (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    domain_ref VARCHAR(36)  NOT NULL,
    chat_ref   VARCHAR(36)  NOT NULL,
    user_type  VARCHAR(16)  NOT NULL,
    username   VARCHAR(255) NOT NULL,
    max_seen   BIGINT       NOT NULL,
    CONSTRAINT uq_chat_members UNIQUE (chat_ref, user_type, username),
    CONSTRAINT fk_chat_members_domain FOREIGN KEY (domain_ref) REFERENCES domains (id),
    CONSTRAINT fk_chat_members_chat FOREIGN KEY (chat_ref) REFERENCES chats (id)
);
CREATE INDEX ix_chat_members_user ON chat_members (domain_ref, user_type, username);

-- Every numbered event of a chat, 0 (created) upwards without gaps.
CREATE TABLE chat_events (
    chat_ref      VARCHAR(36)    NOT NULL,
    event_number  BIGINT         NOT NULL,
    domain_ref    VARCHAR(36)    NOT NULL,
    -- created, message, user_joined, user_left, user_added, user_removed, name_changed, topic_changed
    event_type    VARCHAR(16)    NOT NULL,
    user_type     VARCHAR(16)    NOT NULL,
    username      VARCHAR(255)   NOT NULL,
    event_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the user added or removed
    target_type   VARCHAR(16),
    target_name   VARCHAR(255),
    -- message text, new name or topic; for created: name, topic and members (see ChatStore)
    content       VARCHAR(65536),
    CONSTRAINT pk_chat_events PRIMARY KEY (chat_ref, event_number),
    CONSTRAINT fk_chat_events_domain FOREIGN KEY (domain_ref) REFERENCES domains (id),
    CONSTRAINT fk_chat_events_chat FOREIGN KEY (chat_ref) REFERENCES chats (id)
);
CREATE INDEX ix_chat_events_type ON chat_events (chat_ref, event_type, event_number);

-- Per-user and per-group permissions of a chat, named like the activities' (grantees need not exist yet).
CREATE TABLE chat_permissions (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    domain_ref   VARCHAR(36)  NOT NULL,
    chat_ref     VARCHAR(36)  NOT NULL,
    -- NORMAL, CONVERGENCE or ANONYMOUS for a user (its type), GROUP for a group
    grantee_kind VARCHAR(16)  NOT NULL,
    grantee      VARCHAR(255) NOT NULL,
    permissions  VARCHAR(512) NOT NULL,
    CONSTRAINT uq_chat_permissions UNIQUE (chat_ref, grantee_kind, grantee),
    CONSTRAINT fk_chat_permissions_domain FOREIGN KEY (domain_ref) REFERENCES domains (id),
    CONSTRAINT fk_chat_permissions_chat FOREIGN KEY (chat_ref) REFERENCES chats (id)
);

-- Activities: the persisted part (existence, ephemeral flag, creation time, permissions). Who is joined and their
-- state live only in memory (dev.tandem.activity). Portable SQL (H2 2.2 and PostgreSQL 15).

CREATE TABLE activities (
    id                VARCHAR(36)  NOT NULL PRIMARY KEY,
    domain_ref        VARCHAR(36)  NOT NULL,
    activity_type     VARCHAR(255) NOT NULL,
    activity_id       VARCHAR(255) NOT NULL,
    -- an ephemeral activity is deleted when its last participant leaves
    ephemeral         BOOLEAN      NOT NULL,
    -- comma-separated permission names ("join,view_state"); a short closed set, so no join table
    world_permissions VARCHAR(255) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_activities_id UNIQUE (domain_ref, activity_type, activity_id),
    CONSTRAINT fk_activities_domain FOREIGN KEY (domain_ref) REFERENCES domains (id)
);

-- Per-user and per-group permissions of an activity. Grantees are named, not referenced: a client may grant
-- permissions to a user or group that does not exist yet (a JWT login creates both just in time).
CREATE TABLE activity_permissions (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    domain_ref   VARCHAR(36)  NOT NULL,
    activity_ref VARCHAR(36)  NOT NULL,
    -- NORMAL, CONVERGENCE or ANONYMOUS for a user (its type), GROUP for a group
    grantee_kind VARCHAR(16)  NOT NULL,
    grantee      VARCHAR(255) NOT NULL,
    permissions  VARCHAR(255) NOT NULL,
    CONSTRAINT uq_activity_permissions UNIQUE (activity_ref, grantee_kind, grantee),
    CONSTRAINT fk_activity_permissions_domain FOREIGN KEY (domain_ref) REFERENCES domains (id),
    CONSTRAINT fk_activity_permissions_activity FOREIGN KEY (activity_ref) REFERENCES activities (id)
);

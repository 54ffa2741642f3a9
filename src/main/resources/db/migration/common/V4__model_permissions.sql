-- Model and collection permissions, the domain's model settings (collection auto-creation, snapshot policy) and the
-- collections' snapshot-policy override. Portable SQL (H2 2.2 and PostgreSQL 15). Permission columns are prefixed
-- with can_ because CREATE is a reserved word in both databases.

-- Whether creating a model in a collection that does not exist creates it (as Convergence does), else
-- collection_does_not_exist.
ALTER TABLE domains ADD COLUMN auto_create_collections BOOLEAN DEFAULT TRUE NOT NULL;

-- The domain's snapshot policy (Convergence's ModelSnapshotConfig); intervals of time in milliseconds.
ALTER TABLE domains ADD COLUMN snapshots_enabled         BOOLEAN DEFAULT TRUE  NOT NULL;
ALTER TABLE domains ADD COLUMN snapshot_trigger_by_version BOOLEAN DEFAULT TRUE  NOT NULL;
ALTER TABLE domains ADD COLUMN snapshot_max_version_interval BIGINT DEFAULT 1000 NOT NULL;
ALTER TABLE domains ADD COLUMN snapshot_limited_by_version BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE domains ADD COLUMN snapshot_min_version_interval BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE domains ADD COLUMN snapshot_trigger_by_time  BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE domains ADD COLUMN snapshot_max_time_interval_ms BIGINT DEFAULT 600000 NOT NULL;
ALTER TABLE domains ADD COLUMN snapshot_limited_by_time  BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE domains ADD COLUMN snapshot_min_time_interval_ms BIGINT DEFAULT 0 NOT NULL;

-- A collection's world permissions (what users without their own entry may do) and its optional snapshot policy,
-- used instead of the domain's when override_snapshot_policy is true. Existing collections were auto-created, and
-- auto-created collections allow everything (as Convergence's do).
ALTER TABLE model_collections ADD COLUMN world_can_create BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE model_collections ADD COLUMN world_can_read   BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE model_collections ADD COLUMN world_can_write  BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE model_collections ADD COLUMN world_can_remove BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE model_collections ADD COLUMN world_can_manage BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE model_collections ADD COLUMN override_snapshot_policy BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE model_collections ADD COLUMN snapshots_enabled BOOLEAN;
ALTER TABLE model_collections ADD COLUMN snapshot_trigger_by_version BOOLEAN;
ALTER TABLE model_collections ADD COLUMN snapshot_max_version_interval BIGINT;
ALTER TABLE model_collections ADD COLUMN snapshot_limited_by_version BOOLEAN;
ALTER TABLE model_collections ADD COLUMN snapshot_min_version_interval BIGINT;
ALTER TABLE model_collections ADD COLUMN snapshot_trigger_by_time BOOLEAN;
ALTER TABLE model_collections ADD COLUMN snapshot_max_time_interval_ms BIGINT;
ALTER TABLE model_collections ADD COLUMN snapshot_limited_by_time BOOLEAN;
ALTER TABLE model_collections ADD COLUMN snapshot_min_time_interval_ms BIGINT;

-- A model's world permissions count only when override_world is true; otherwise the collection's world applies.
ALTER TABLE models ADD COLUMN override_world   BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE models ADD COLUMN world_can_read   BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE models ADD COLUMN world_can_write  BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE models ADD COLUMN world_can_remove BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE models ADD COLUMN world_can_manage BOOLEAN DEFAULT FALSE NOT NULL;

-- Per-user entries. Users are named as the protocol names them (type and username), so an entry may be given
-- before a JWT user's first login creates the user.
CREATE TABLE collection_user_permissions (
    collection_ref VARCHAR(36)  NOT NULL,
    domain_ref     VARCHAR(36)  NOT NULL,
    user_type      VARCHAR(16)  NOT NULL,
    username       VARCHAR(255) NOT NULL,
    can_create     BOOLEAN      NOT NULL,
    can_read       BOOLEAN      NOT NULL,
    can_write      BOOLEAN      NOT NULL,
    can_remove     BOOLEAN      NOT NULL,
    can_manage     BOOLEAN      NOT NULL,
    PRIMARY KEY (collection_ref, user_type, username),
    CONSTRAINT fk_collection_user_permissions_collection FOREIGN KEY (collection_ref)
        REFERENCES model_collections (id) ON DELETE CASCADE
);

CREATE TABLE model_user_permissions (
    model_ref  VARCHAR(36)  NOT NULL,
    domain_ref VARCHAR(36)  NOT NULL,
    user_type  VARCHAR(16)  NOT NULL,
    username   VARCHAR(255) NOT NULL,
    can_read   BOOLEAN      NOT NULL,
    can_write  BOOLEAN      NOT NULL,
    can_remove BOOLEAN      NOT NULL,
    can_manage BOOLEAN      NOT NULL,
    PRIMARY KEY (model_ref, user_type, username),
    CONSTRAINT fk_model_user_permissions_model FOREIGN KEY (model_ref) REFERENCES models (id) ON DELETE CASCADE
);

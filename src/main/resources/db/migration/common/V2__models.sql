-- Real-time models: collections, models, their operation log and snapshots. Portable SQL (H2 2.2 and PostgreSQL 15).
-- VARCHAR without a length is unbounded on PostgreSQL and up to 1e9 characters on H2: used for JSON documents.

CREATE TABLE model_collections (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    domain_ref    VARCHAR(36)   NOT NULL,
    collection_id VARCHAR(255)  NOT NULL,
    description   VARCHAR(1000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_model_collections_id UNIQUE (domain_ref, collection_id),
    CONSTRAINT fk_model_collections_domain FOREIGN KEY (domain_ref) REFERENCES domains (id)
);

CREATE TABLE models (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    domain_ref       VARCHAR(36)  NOT NULL,
    model_id         VARCHAR(255) NOT NULL,
    collection_ref   VARCHAR(36)  NOT NULL,
    -- the version after the last logged operation; a new model is at version 1
    version          BIGINT       NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    modified_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the next value-id prefix to hand to an opener (base 36); never reused, so client-minted ids never collide
    next_prefix      BIGINT       NOT NULL,
    CONSTRAINT uq_models_id UNIQUE (domain_ref, model_id),
    CONSTRAINT fk_models_domain FOREIGN KEY (domain_ref) REFERENCES domains (id),
    CONSTRAINT fk_models_collection FOREIGN KEY (collection_ref) REFERENCES model_collections (id)
);

-- The whole data tree (with value ids) at a version; loading replays the operations logged after it.
CREATE TABLE model_snapshots (
    model_ref   VARCHAR(36) NOT NULL,
    version     BIGINT      NOT NULL,
    domain_ref  VARCHAR(36) NOT NULL,
    modified_at TIMESTAMP WITH TIME ZONE NOT NULL,
    data        VARCHAR     NOT NULL,
    PRIMARY KEY (model_ref, version),
    CONSTRAINT fk_model_snapshots_model FOREIGN KEY (model_ref) REFERENCES models (id) ON DELETE CASCADE
);

-- One row per committed operation. version is the version it produced (the first operation of a model is 2).
CREATE TABLE model_operations (
    model_ref    VARCHAR(36) NOT NULL,
    version      BIGINT      NOT NULL,
    domain_ref   VARCHAR(36) NOT NULL,
    session_id   VARCHAR(64) NOT NULL,
    committed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the operation as applied and broadcast (replayed on load) and its applied form with old values (history)
    operation    VARCHAR     NOT NULL,
    applied      VARCHAR     NOT NULL,
    PRIMARY KEY (model_ref, version),
    CONSTRAINT fk_model_operations_model FOREIGN KEY (model_ref) REFERENCES models (id) ON DELETE CASCADE
);

-- Model queries: a queryable copy of each model's current data, kept apart from the snapshots and the log.
-- Written lazily: a query first rewrites the copies of the models in its collection whose version moved on (see
-- dev.tandem.model.query.ModelQueryService), so editing costs nothing per operation. Portable SQL (H2 2.2, PostgreSQL 15).

-- The model's data at a version as plain JSON (no value ids): what query results return.
CREATE TABLE model_query_data (
    model_ref   VARCHAR(36) NOT NULL PRIMARY KEY,
    domain_ref  VARCHAR(36) NOT NULL,
    version     BIGINT      NOT NULL,
    modified_at TIMESTAMP WITH TIME ZONE NOT NULL,
    data        VARCHAR     NOT NULL,
    CONSTRAINT fk_model_query_data_model FOREIGN KEY (model_ref) REFERENCES models (id) ON DELETE CASCADE
);

-- One row per scalar leaf of that data: what WHERE and ORDER BY look at. path is the encoded place of the leaf
-- (a.b[2].c, see QueryableData); at most one of the values is set (none for a JSON null).
CREATE TABLE model_query_leaves (
    model_ref  VARCHAR(36)   NOT NULL,
    path       VARCHAR(1000) NOT NULL,
    domain_ref VARCHAR(36)   NOT NULL,
    num_value  DOUBLE PRECISION,
    str_value  VARCHAR,
    bool_value BOOLEAN,
    PRIMARY KEY (model_ref, path),
    CONSTRAINT fk_model_query_leaves_model FOREIGN KEY (model_ref) REFERENCES models (id) ON DELETE CASCADE
);

-- A query scans the models of one collection (PostgreSQL does not index foreign keys by itself).
CREATE INDEX ix_models_collection ON models (collection_ref);

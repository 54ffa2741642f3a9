-- The operation log's writers: one row per running node (a fresh id at each start). Every group commit first reads
-- its node's row with a share lock, and a node taking models over from a dead or stalled one deletes that node's row:
-- the delete waits for the rounds that hold the lock, and every later round of the fenced node finds no row and fails.
-- So a round either commits before the takeover (and the new owner, which reads after it, sees it) or never.
-- This replaces moving each model's row in model_versions from the version before its batch in every round, which
-- fenced one model at a time at the cost of one updated row per model per round; model_versions now moves when the
-- log is filed. Portable SQL (H2 2.2, PostgreSQL 15).
CREATE TABLE log_writers (
    writer_id  VARCHAR(36)  NOT NULL PRIMARY KEY,
    -- the host the writer runs on, for operators
    node       VARCHAR(255) NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which operation log writer has each model loaded (issue 22): a node records its writer here before it loads a
-- model, and if another writer is recorded, fences that writer first (deletes its log_writers row, in the same
-- transaction). So whatever the cluster's directory says, even in a split brain where two nodes each believe they
-- own a model, the second to load it stops the first from committing anything more before it reads the model. A node
-- clears its record when it unloads the model, so an idle model moving to another node fences nobody.
-- Portable SQL (H2 2.2, PostgreSQL 15).
CREATE TABLE model_writers (
    model_ref VARCHAR(36) NOT NULL PRIMARY KEY,
    writer_id VARCHAR(36) NOT NULL,
    CONSTRAINT fk_model_writers_model FOREIGN KEY (model_ref) REFERENCES models (id) ON DELETE CASCADE
);

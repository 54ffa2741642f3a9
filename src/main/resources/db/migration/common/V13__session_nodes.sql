-- Which node holds each open session (issue 22): the cluster member id of the node whose WebSocket carries it. A node
-- that dies (kill -9, a lost machine) cannot record the end of its sessions; the oldest surviving member, or the
-- first node to start again, closes every open session whose node is no longer a member, so the admin API's session
-- list and its active-session count show the sessions that exist. Rows from before this column have no node and are
-- closed by the first such sweep. Portable SQL (H2 2.2, PostgreSQL 15).
ALTER TABLE sessions ADD COLUMN node_id VARCHAR(64);
-- The sweep runs at every start and at every departure; the table keeps every session ever opened, so it finds the
-- open ones by an index rather than by reading them all (the domain statistics' open-session count uses it too).
CREATE INDEX ix_sessions_open ON sessions (disconnected_at, node_id);

-- Issue 19: single sign-on accounts live in their own namespace. An account provisioned by single sign-on records
-- the identity that owns it, the token's issuer and subject; a token is matched to its account by that pair, never
-- by username alone, so a token can not act as, or change, a local (password) account of the same name. Local
-- accounts have NULL in both columns. Portable SQL (H2 2.2, PostgreSQL 15): NULLs never collide in a unique index.
--
-- Accounts provisioned by single sign-on before this migration have neither a password nor a recorded identity.
-- They are left as they are: the first token whose username maps to such an account adopts it (records its issuer
-- and subject), which is what that token could already do; from then on only that identity reaches it. Accounts with
-- a password are never adopted. An operator who does not want that deletes those accounts before upgrading.
ALTER TABLE server_users ADD COLUMN sso_issuer VARCHAR(512);
-- OpenID Connect limits subjects to 255 ASCII characters
ALTER TABLE server_users ADD COLUMN sso_subject VARCHAR(255);
ALTER TABLE server_users ADD CONSTRAINT ck_server_users_sso CHECK ((sso_issuer IS NULL) = (sso_subject IS NULL));
CREATE UNIQUE INDEX uq_server_users_sso ON server_users (sso_issuer, sso_subject);

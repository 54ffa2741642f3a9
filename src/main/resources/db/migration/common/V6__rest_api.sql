-- The admin REST API: server users' profiles, login tokens, API keys, roles on namespaces and domains, favourite
-- domains and server-wide settings. Portable SQL (H2 2.2 and PostgreSQL 15).

ALTER TABLE server_users ADD COLUMN first_name VARCHAR(255);
ALTER TABLE server_users ADD COLUMN last_name VARCHAR(255);
ALTER TABLE server_users ADD COLUMN last_login TIMESTAMP WITH TIME ZONE;
-- SHA-256 (hex) of the user's long-lived bearer token; the token itself is shown once when it is made.
ALTER TABLE server_users ADD COLUMN bearer_token_hash VARCHAR(64);
CREATE UNIQUE INDEX ix_server_users_bearer_token ON server_users (bearer_token_hash);

-- Expiring session tokens from POST /auth/login; only a SHA-256 of each is kept.
CREATE TABLE server_session_tokens (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    user_ref   VARCHAR(36) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_server_session_tokens_user FOREIGN KEY (user_ref) REFERENCES server_users (id)
);
CREATE INDEX ix_server_session_tokens_user ON server_session_tokens (user_ref);

-- A user's API keys: high-entropy random keys, so a fast hash (SHA-256, hex) is enough to keep them useless if leaked.
CREATE TABLE server_api_keys (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_ref   VARCHAR(36)  NOT NULL,
    name       VARCHAR(255) NOT NULL,
    key_hash   VARCHAR(64)  NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_server_api_keys_hash UNIQUE (key_hash),
    CONSTRAINT fk_server_api_keys_user FOREIGN KEY (user_ref) REFERENCES server_users (id)
);
CREATE INDEX ix_server_api_keys_user ON server_api_keys (user_ref);

-- Roles on a namespace (target_id = namespace id) or a domain (target_id = 'namespace/domainId'). The server-wide
-- role stays in server_users.server_role.
CREATE TABLE server_user_roles (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_ref    VARCHAR(36)  NOT NULL,
    target_type VARCHAR(16)  NOT NULL,
    target_id   VARCHAR(520) NOT NULL,
    role_name   VARCHAR(32)  NOT NULL,
    CONSTRAINT uq_server_user_roles UNIQUE (user_ref, target_type, target_id),
    CONSTRAINT fk_server_user_roles_user FOREIGN KEY (user_ref) REFERENCES server_users (id)
);
CREATE INDEX ix_server_user_roles_target ON server_user_roles (target_type, target_id);

CREATE TABLE server_favorite_domains (
    user_ref   VARCHAR(36) NOT NULL,
    domain_ref VARCHAR(36) NOT NULL,
    CONSTRAINT pk_server_favorite_domains PRIMARY KEY (user_ref, domain_ref),
    CONSTRAINT fk_server_favorite_domains_user FOREIGN KEY (user_ref) REFERENCES server_users (id),
    CONSTRAINT fk_server_favorite_domains_domain FOREIGN KEY (domain_ref) REFERENCES domains (id)
);

-- Server-wide settings changed through the API (GET/POST /config); a key absent here has its default.
CREATE TABLE server_config (
    config_key   VARCHAR(255)  NOT NULL PRIMARY KEY,
    config_value VARCHAR(4000) NOT NULL
);

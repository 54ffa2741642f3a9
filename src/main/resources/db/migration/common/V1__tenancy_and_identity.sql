-- Tenancy and identity. Portable SQL: runs unchanged on H2 2.2 and PostgreSQL 15.
-- Keys are application-made strings (dev.tandem.persistence.Ids), so no identity or sequence syntax is needed.
-- Every domain-scoped row carries its domain in domain_ref (domains.id), so a query can always be bounded by it.

CREATE TABLE server_users (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    username      VARCHAR(255) NOT NULL,
    display_name  VARCHAR(255),
    email         VARCHAR(255),
    password_hash VARCHAR(255),
    server_role   VARCHAR(32)  NOT NULL,
    disabled      BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_server_users_username UNIQUE (username)
);

CREATE TABLE namespaces (
    id           VARCHAR(255) NOT NULL PRIMARY KEY,
    display_name VARCHAR(255) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE domains (
    id                               VARCHAR(36)  NOT NULL PRIMARY KEY,
    namespace_id                     VARCHAR(255) NOT NULL,
    domain_id                        VARCHAR(255) NOT NULL,
    display_name                     VARCHAR(255) NOT NULL,
    status                           VARCHAR(32)  NOT NULL,
    -- domain configuration; later settings get their own columns in later migrations
    anonymous_auth                   BOOLEAN      NOT NULL,
    reconnect_token_validity_minutes INTEGER      NOT NULL,
    created_at                       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_domains_namespace_domain UNIQUE (namespace_id, domain_id),
    CONSTRAINT fk_domains_namespace FOREIGN KEY (namespace_id) REFERENCES namespaces (id)
);

-- Public keys that verify the JWTs a domain's own application mints for its users.
CREATE TABLE domain_jwt_keys (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    domain_ref  VARCHAR(36)    NOT NULL,
    key_id      VARCHAR(255)   NOT NULL,
    description VARCHAR(1000),
    public_key  VARCHAR(10000) NOT NULL,
    enabled     BOOLEAN        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_domain_jwt_keys_kid UNIQUE (domain_ref, key_id),
    CONSTRAINT fk_domain_jwt_keys_domain FOREIGN KEY (domain_ref) REFERENCES domains (id)
);

-- Each domain's own key pair (kid ConvergenceAdminKey). The private key stays so the server can mint admin tokens.
CREATE TABLE domain_admin_keys (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    domain_ref  VARCHAR(36)    NOT NULL,
    public_key  VARCHAR(10000) NOT NULL,
    private_key VARCHAR(10000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_domain_admin_keys_domain UNIQUE (domain_ref),
    CONSTRAINT fk_domain_admin_keys_domain FOREIGN KEY (domain_ref) REFERENCES domains (id)
);

CREATE TABLE domain_users (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    domain_ref    VARCHAR(36)  NOT NULL,
    user_type     VARCHAR(16)  NOT NULL,
    username      VARCHAR(255) NOT NULL,
    display_name  VARCHAR(255),
    first_name    VARCHAR(255),
    last_name     VARCHAR(255),
    email         VARCHAR(255),
    password_hash VARCHAR(255),
    disabled      BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Convergence identifies a user by type and name: a normal "alice" and a convergence "alice" are two users.
    CONSTRAINT uq_domain_users_name UNIQUE (domain_ref, user_type, username),
    CONSTRAINT fk_domain_users_domain FOREIGN KEY (domain_ref) REFERENCES domains (id)
);

CREATE TABLE user_groups (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    domain_ref  VARCHAR(36)   NOT NULL,
    group_id    VARCHAR(255)  NOT NULL,
    description VARCHAR(1000),
    CONSTRAINT uq_user_groups_group UNIQUE (domain_ref, group_id),
    CONSTRAINT fk_user_groups_domain FOREIGN KEY (domain_ref) REFERENCES domains (id)
);

CREATE TABLE user_group_members (
    id         VARCHAR(36) NOT NULL PRIMARY KEY,
    domain_ref VARCHAR(36) NOT NULL,
    group_ref  VARCHAR(36) NOT NULL,
    user_ref   VARCHAR(36) NOT NULL,
    CONSTRAINT uq_user_group_members UNIQUE (group_ref, user_ref),
    CONSTRAINT fk_user_group_members_domain FOREIGN KEY (domain_ref) REFERENCES domains (id),
    CONSTRAINT fk_user_group_members_group FOREIGN KEY (group_ref) REFERENCES user_groups (id),
    CONSTRAINT fk_user_group_members_user FOREIGN KEY (user_ref) REFERENCES domain_users (id)
);
CREATE INDEX ix_user_group_members_user ON user_group_members (user_ref);

-- One row per authenticated connection.
CREATE TABLE sessions (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    domain_ref      VARCHAR(36)  NOT NULL,
    user_ref        VARCHAR(36)  NOT NULL,
    auth_method     VARCHAR(16)  NOT NULL,
    client          VARCHAR(255),
    client_version  VARCHAR(255),
    remote_host     VARCHAR(255),
    connected_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    disconnected_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT fk_sessions_domain FOREIGN KEY (domain_ref) REFERENCES domains (id),
    CONSTRAINT fk_sessions_user FOREIGN KEY (user_ref) REFERENCES domain_users (id)
);
CREATE INDEX ix_sessions_domain_user ON sessions (domain_ref, user_ref);

-- Only a SHA-256 of each token is stored: a leaked table grants no logins.
CREATE TABLE reconnect_tokens (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    domain_ref VARCHAR(36) NOT NULL,
    user_ref   VARCHAR(36) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_reconnect_tokens_domain FOREIGN KEY (domain_ref) REFERENCES domains (id),
    CONSTRAINT fk_reconnect_tokens_user FOREIGN KEY (user_ref) REFERENCES domain_users (id)
);
CREATE INDEX ix_reconnect_tokens_expires ON reconnect_tokens (expires_at);
CREATE INDEX ix_reconnect_tokens_user ON reconnect_tokens (user_ref);

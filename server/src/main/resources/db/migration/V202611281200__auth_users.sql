-- users (spec §3) plus what authentication needs: login sessions and the failed-login throttle.
CREATE TABLE users (
    id                   BIGSERIAL PRIMARY KEY,
    username             VARCHAR(64)  NOT NULL,
    password_hash        VARCHAR(255) NOT NULL,
    role                 VARCHAR(32)  NOT NULL CHECK (role IN ('admin', 'analyst', 'auditor')),
    permissions          TEXT[]       NOT NULL DEFAULT '{}',
    display_name         VARCHAR(128),
    enabled              BOOLEAN      NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN      NOT NULL DEFAULT FALSE,
    password_changed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_login_at        TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- One row per login. Access tokens carry the session id, so revoking the row (logout, disable,
-- password reset) stops its tokens at once. Refresh tokens are stored as SHA-256 hashes only.
CREATE TABLE user_sessions (
    id                 UUID         PRIMARY KEY,
    user_id            BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    refresh_token_hash CHAR(64)     NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    expires_at         TIMESTAMPTZ  NOT NULL,
    revoked_at         TIMESTAMPTZ,
    source_ip          VARCHAR(64),
    user_agent         VARCHAR(256)
);
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id) WHERE revoked_at IS NULL;
CREATE UNIQUE INDEX user_sessions_refresh_idx ON user_sessions (refresh_token_hash);

-- Failed logins are counted per user name, existing or not, so that lockouts do not reveal which
-- user names exist.
CREATE TABLE login_throttle (
    username_key    VARCHAR(64) PRIMARY KEY,
    failed_count    INTEGER     NOT NULL DEFAULT 0,
    last_failed_at  TIMESTAMPTZ NOT NULL,
    locked_until    TIMESTAMPTZ
);

-- Sensors on honeypot hosts (issue 5, ADR 012): the sensor CA, one-time enrollment tokens and the
-- enrolled sensors with their credentials, replay position, configuration and reported state.

-- The CA that issues sensor client certificates and the gateway's server certificate. One row; the
-- private key is an ENC(...) value (AES-256-GCM under the master key), never stored in the clear.
CREATE TABLE sensor_ca (
    id           SMALLINT     PRIMARY KEY CHECK (id = 1),
    certificate  TEXT         NOT NULL,
    private_key  TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);

-- Enrollment tokens are shown once and stored as SHA-256 hashes of their secret part.
CREATE TABLE sensor_enrollment_tokens (
    id            BIGSERIAL    PRIMARY KEY,
    name          VARCHAR(128),
    token_prefix  VARCHAR(16)  NOT NULL,
    token_hash    CHAR(64)     NOT NULL UNIQUE,
    created_by    BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    used_at       TIMESTAMPTZ,
    used_by       UUID,
    revoked_at    TIMESTAMPTZ
);

CREATE TABLE sensors (
    id                       UUID         PRIMARY KEY,
    name                     VARCHAR(128) NOT NULL,
    hostname                 VARCHAR(255) NOT NULL,
    asset_id                 BIGINT       REFERENCES assets (id) ON DELETE SET NULL,
    version                  VARCHAR(64),
    source_ip                VARCHAR(64),
    enrollment_token_id      BIGINT       REFERENCES sensor_enrollment_tokens (id) ON DELETE SET NULL,
    enrolled_at              TIMESTAMPTZ  NOT NULL,
    cert_serial              VARCHAR(64)  NOT NULL,
    cert_fingerprint         CHAR(64)     NOT NULL UNIQUE,
    cert_expires_at          TIMESTAMPTZ  NOT NULL,
    revoked_at               TIMESTAMPTZ,
    decommissioned_at        TIMESTAMPTZ,
    last_seen                TIMESTAMPTZ,
    -- highest sensor_seq taken in: replayed records at or below it are counted as duplicates
    last_seq                 BIGINT       NOT NULL DEFAULT 0,
    events_day               DATE,
    events_today             BIGINT       NOT NULL DEFAULT 0,
    events_total             BIGINT       NOT NULL DEFAULT 0,
    config                   JSONB        NOT NULL DEFAULT '{"services": []}',
    config_version           BIGINT       NOT NULL DEFAULT 0,
    reported_config_version  BIGINT       NOT NULL DEFAULT 0,
    reported_services        JSONB,
    stats                    JSONB
);
CREATE INDEX sensors_asset_idx ON sensors (asset_id);

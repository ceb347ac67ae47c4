-- Alert notification channels (issue 4). Settings that are not secret are kept as JSON; the
-- secrets (webhook and robot URLs, signing secrets, the SMTP password, credential headers) are one
-- AES-256-GCM encrypted JSON object, ENC(...), and secret_names lists which are set, so that the
-- API can show them as "***" without decrypting anything (docs/adr/010-notifications.md).
CREATE TABLE notification_channels (
    id              BIGSERIAL    PRIMARY KEY,
    name            VARCHAR(100) NOT NULL,
    type            VARCHAR(16)  NOT NULL CHECK (type IN
                        ('webhook', 'dingtalk', 'wecom', 'feishu', 'email', 'syslog')),
    enabled         BOOLEAN      NOT NULL,
    min_severity    VARCHAR(16)  NOT NULL CHECK (min_severity IN
                        ('info', 'low', 'medium', 'high', 'critical')),
    alert_kinds     TEXT[]       NOT NULL,
    rule_ids        TEXT[]       NOT NULL DEFAULT '{}',
    alert_types     TEXT[]       NOT NULL DEFAULT '{}',
    rate_per_minute INTEGER      NOT NULL CHECK (rate_per_minute BETWEEN 1 AND 6000),
    rate_burst      INTEGER      NOT NULL CHECK (rate_burst BETWEEN 1 AND 1000),
    settings        JSONB        NOT NULL,
    -- where messages go, without secrets: https://host:port, smtp://host:port, udp://host:port
    target          VARCHAR(300) NOT NULL,
    secrets         TEXT,
    secret_names    TEXT[]       NOT NULL DEFAULT '{}',
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_by      VARCHAR(64)  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX notification_channels_name_key ON notification_channels (lower(name));

-- Delivery counters, apart from the channel row: they change with every message, the channel
-- rarely, and the delivery side reloads a channel only when its row changed.
CREATE TABLE notification_channel_stats (
    channel_id      BIGINT       PRIMARY KEY REFERENCES notification_channels (id) ON DELETE CASCADE,
    sent            BIGINT       NOT NULL DEFAULT 0,
    failed          BIGINT       NOT NULL DEFAULT 0,
    rate_limited    BIGINT       NOT NULL DEFAULT 0,
    last_error      VARCHAR(500),
    last_error_at   TIMESTAMPTZ,
    last_success_at TIMESTAMPTZ
);

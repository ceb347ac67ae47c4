-- The alert center (issue 4): who raised an alert and why, grouping of repeats, lifecycle with
-- history, suppressions; and the detection rules the engine runs.

ALTER TABLE alerts
    ADD COLUMN title              VARCHAR(512),
    ADD COLUMN detection_source   VARCHAR(16)  NOT NULL DEFAULT 'rule'
        CHECK (detection_source IN ('rule', 'correlation', 'intel')),
    ADD COLUMN rule_id            VARCHAR(128),
    ADD COLUMN rule_name          VARCHAR(512),
    ADD COLUMN rule_author        VARCHAR(512),
    ADD COLUMN attack_tactics     TEXT[]       NOT NULL DEFAULT '{}',
    ADD COLUMN attack_techniques  TEXT[]       NOT NULL DEFAULT '{}',
    ADD COLUMN src_ip             VARCHAR(64),
    ADD COLUMN dst_ip             VARCHAR(64),
    ADD COLUMN host_name          VARCHAR(255),
    ADD COLUMN group_key          VARCHAR(1024),
    ADD COLUMN first_seen         TIMESTAMPTZ,
    ADD COLUMN last_seen          TIMESTAMPTZ,
    ADD COLUMN event_count        BIGINT       NOT NULL DEFAULT 1,
    ADD COLUMN assignee           VARCHAR(64),
    ADD COLUMN remark             VARCHAR(2048),
    ADD COLUMN updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now();

UPDATE alerts SET first_seen = create_time, last_seen = create_time WHERE first_seen IS NULL;
ALTER TABLE alerts ALTER COLUMN first_seen SET NOT NULL, ALTER COLUMN last_seen SET NOT NULL;

-- the open alert a repeat joins: one per group at a time
CREATE UNIQUE INDEX alerts_open_group_idx ON alerts (group_key)
    WHERE status IN ('unhandled', 'handling') AND group_key IS NOT NULL;
CREATE INDEX alerts_create_time_idx ON alerts (create_time DESC, id DESC);
CREATE INDEX alerts_rule_idx ON alerts (rule_id);
CREATE INDEX alerts_src_ip_idx ON alerts (src_ip);

CREATE TABLE alert_history (
    id           BIGSERIAL    PRIMARY KEY,
    alert_id     BIGINT       NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    at           TIMESTAMPTZ  NOT NULL,
    actor        VARCHAR(64)  NOT NULL,
    from_status  VARCHAR(16),
    to_status    VARCHAR(16)  NOT NULL,
    assignee     VARCHAR(64),
    remark       VARCHAR(2048)
);
CREATE INDEX alert_history_alert_idx ON alert_history (alert_id, id);

-- matches that fit an exception are counted here instead of raising alerts
CREATE TABLE alert_suppressions (
    id           BIGSERIAL    PRIMARY KEY,
    rule_id      VARCHAR(128),                     -- null: every rule
    conditions   JSONB        NOT NULL,            -- {"src_ip": ["10.0.0.5"], "host_name": [...]}
    reason       VARCHAR(2048) NOT NULL,
    expires_at   TIMESTAMPTZ,
    created_by   VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    hit_count    BIGINT       NOT NULL DEFAULT 0,
    last_hit     TIMESTAMPTZ
);

-- rules: the shipped pack is read from the jar; this table holds uploaded and imported rules and
-- the enabled switch of every rule (shipped ones included)
CREATE TABLE detection_rules (
    rule_id      VARCHAR(128) PRIMARY KEY,
    origin       VARCHAR(16)  NOT NULL CHECK (origin IN ('builtin', 'custom', 'imported')),
    yaml         TEXT,                               -- null for shipped rules
    enabled      BOOLEAN      NOT NULL DEFAULT TRUE,
    created_by   VARCHAR(64),
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL
);

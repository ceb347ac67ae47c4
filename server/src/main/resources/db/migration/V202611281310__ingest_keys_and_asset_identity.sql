-- Assets learnt from telemetry carry the agent or sensor id that reports them.
ALTER TABLE assets ADD COLUMN agent_id VARCHAR(128);
CREATE UNIQUE INDEX assets_agent_id_key ON assets (agent_id) WHERE agent_id IS NOT NULL;

-- Per-source ingest API keys: stored as SHA-256 hashes; the prefix identifies a key in lists.
CREATE TABLE ingest_keys (
    id            BIGSERIAL    PRIMARY KEY,
    name          VARCHAR(128) NOT NULL,
    key_prefix    VARCHAR(16)  NOT NULL,
    key_hash      CHAR(64)     NOT NULL UNIQUE,
    source_type   VARCHAR(32)  NOT NULL CHECK (source_type IN
                      ('hsystem_sensor', 'hsystem_agent', 'sysmon', 'ecs', 'cowrie', 'opencanary', 'syslog')),
    asset_id      BIGINT       REFERENCES assets (id) ON DELETE SET NULL,
    created_by    BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    revoked_at    TIMESTAMPTZ,
    last_used_at  TIMESTAMPTZ
);

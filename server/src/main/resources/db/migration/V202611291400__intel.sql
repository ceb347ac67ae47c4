-- Threat-intelligence indicators of compromise (issue 4). One row per (type, value, source): the
-- same value from two feeds is two rows, each with its own confidence, tags and expiry. Values are
-- stored in their canonical form (the application normalises them), so equality is exact.
CREATE TABLE iocs (
    id           BIGSERIAL     PRIMARY KEY,
    type         VARCHAR(8)    NOT NULL CHECK (type IN
                     ('ip', 'cidr', 'domain', 'url', 'sha256', 'sha1', 'md5')),
    -- URLs are at most 2048 ASCII characters, so the unique index entry stays under its size limit
    value        VARCHAR(2048) NOT NULL,
    source       VARCHAR(64)   NOT NULL,
    confidence   SMALLINT      NOT NULL CHECK (confidence BETWEEN 0 AND 100),
    severity     VARCHAR(16)   NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    tags         TEXT[]        NOT NULL DEFAULT '{}',
    description  TEXT,
    first_seen   TIMESTAMPTZ   NOT NULL,
    last_seen    TIMESTAMPTZ   NOT NULL,
    expires_at   TIMESTAMPTZ,
    -- how often a honeypot recorded the attacker; 0 for other sources
    sightings    INTEGER       NOT NULL DEFAULT 0,
    created_by   BIGINT        REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    updated_at   TIMESTAMPTZ   NOT NULL,
    CONSTRAINT iocs_type_value_source_key UNIQUE (type, value, source)
);
CREATE INDEX iocs_source_idx ON iocs (source);
CREATE INDEX iocs_expires_at_idx ON iocs (expires_at);
CREATE INDEX iocs_last_seen_idx ON iocs (last_seen);

-- assets (spec §3). status is stored for manually managed assets; for agent and sensor assets the
-- API derives online/offline from last_checkin.
CREATE TABLE assets (
    id            BIGSERIAL    PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    ip            INET,
    type          VARCHAR(32)  NOT NULL CHECK (type IN
                      ('server', 'workstation', 'network_device', 'honeypot', 'iot', 'cloud', 'other')),
    os            VARCHAR(255),
    status        VARCHAR(32)  NOT NULL DEFAULT 'unknown' CHECK (status IN
                      ('online', 'offline', 'unknown', 'decommissioned')),
    last_checkin  TIMESTAMPTZ,
    managed_by    VARCHAR(16)  NOT NULL DEFAULT 'manual' CHECK (managed_by IN ('manual', 'agent', 'sensor')),
    host_name     VARCHAR(255),
    description   TEXT,
    tags          TEXT[]       NOT NULL DEFAULT '{}',
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX assets_ip_idx ON assets (ip);
CREATE INDEX assets_type_idx ON assets (type);
CREATE INDEX assets_name_idx ON assets (lower(name));
CREATE INDEX assets_host_name_idx ON assets (lower(host_name));

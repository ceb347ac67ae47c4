-- alerts (spec §3). Created now so the data model is whole; the detection issue fills it.
CREATE TABLE alerts (
    id           BIGSERIAL    PRIMARY KEY,
    asset_id     BIGINT       REFERENCES assets (id) ON DELETE SET NULL,
    alert_type   VARCHAR(128) NOT NULL,
    severity     VARCHAR(16)  NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    evidence     JSONB        NOT NULL DEFAULT '{}',
    status       VARCHAR(16)  NOT NULL DEFAULT 'unhandled' CHECK (status IN
                     ('unhandled', 'handling', 'handled', 'ignored')),
    create_time  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX alerts_status_severity_idx ON alerts (status, severity, create_time DESC);
CREATE INDEX alerts_asset_idx ON alerts (asset_id);

-- compliance_checks and hunting_templates (spec §3). Created now so the data model is whole.
CREATE TABLE compliance_checks (
    id              BIGSERIAL    PRIMARY KEY,
    policy          VARCHAR(255) NOT NULL,
    description     TEXT,
    severity        VARCHAR(16)  NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    affected_count  INTEGER      NOT NULL DEFAULT 0 CHECK (affected_count >= 0)
);

CREATE TABLE hunting_templates (
    id           BIGSERIAL    PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    description  TEXT,
    query        TEXT         NOT NULL,
    tactics      TEXT[]       NOT NULL DEFAULT '{}',
    create_by    BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

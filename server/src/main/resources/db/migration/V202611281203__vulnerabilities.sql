-- vulnerabilities (spec §3) with a triage workflow: who moved it to which status, when and why.
CREATE TABLE vulnerabilities (
    id                 BIGSERIAL    PRIMARY KEY,
    cve_id             VARCHAR(32)  NOT NULL CHECK (cve_id ~ '^CVE-[0-9]{4}-[0-9]{4,}$'),
    asset_id           BIGINT       NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    severity           VARCHAR(16)  NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    cvss               NUMERIC(3, 1) CHECK (cvss >= 0 AND cvss <= 10),
    title              VARCHAR(512),
    description        TEXT,
    status             VARCHAR(32)  NOT NULL DEFAULT 'open' CHECK (status IN
                           ('open', 'in_triage', 'false_positive', 'not_affected', 'resolved')),
    status_reason      TEXT,
    status_changed_by  VARCHAR(64),
    status_changed_at  TIMESTAMPTZ,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX vulnerabilities_asset_cve_key ON vulnerabilities (asset_id, cve_id);
CREATE INDEX vulnerabilities_cve_idx ON vulnerabilities (cve_id);
CREATE INDEX vulnerabilities_status_idx ON vulnerabilities (status, severity);

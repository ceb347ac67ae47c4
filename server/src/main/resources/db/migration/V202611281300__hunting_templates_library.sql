-- Templates get ATT&CK technique ids, an update time and a built-in flag (the library we ship is
-- read-only; analysts copy it to change it).
ALTER TABLE hunting_templates
    ADD COLUMN techniques TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN builtin    BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE UNIQUE INDEX hunting_templates_name_key ON hunting_templates (lower(name));

-- Tamper-evident audit log (spec §8). Each row's hash covers its fields and the previous row's
-- hash. The table refuses UPDATE, DELETE and TRUNCATE; the only exception is the retention purge,
-- which sets hsystem.audit_purge for its transaction and may delete rows older than 90 days only.
CREATE TABLE audit_log (
    id              BIGSERIAL    PRIMARY KEY,
    event_time      TIMESTAMPTZ  NOT NULL,
    actor_user_id   BIGINT,
    actor_username  VARCHAR(64),
    source_ip       VARCHAR(64),
    action          VARCHAR(64)  NOT NULL,
    target_type     VARCHAR(64),
    target_id       VARCHAR(128),
    outcome         VARCHAR(16)  NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
    details         TEXT         NOT NULL DEFAULT '{}',
    prev_hash       CHAR(64)     NOT NULL,
    hash            CHAR(64)     NOT NULL
);
CREATE INDEX audit_log_time_idx ON audit_log (event_time);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_username, event_time);
CREATE INDEX audit_log_action_idx ON audit_log (action, event_time);

CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('hsystem.audit_purge', true) = 'on'
       AND OLD.event_time < now() - interval '90 days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_guard();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();

-- A restore replaces the whole audit log with the backup's own (which verifies on its own chain);
-- only a transaction that set hsystem.restore may empty it. Everything else stays refused.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('hsystem.audit_purge', true) = 'on'
       AND OLD.event_time < now() - interval '90 days' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'TRUNCATE' AND current_setting('hsystem.restore', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

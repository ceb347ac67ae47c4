-- Single-server mode: the server's own in-process sensor is a row like the others, without a
-- client certificate (it never crosses the network), and there is at most one.
ALTER TABLE sensors ADD COLUMN local BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE sensors ALTER COLUMN cert_serial DROP NOT NULL;
ALTER TABLE sensors ALTER COLUMN cert_fingerprint DROP NOT NULL;
ALTER TABLE sensors ALTER COLUMN cert_expires_at DROP NOT NULL;
CREATE UNIQUE INDEX sensors_one_local ON sensors (local) WHERE local;

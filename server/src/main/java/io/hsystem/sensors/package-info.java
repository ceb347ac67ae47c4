/**
 * Sensors on honeypot hosts (spec §1 "honeypot host" mode, issue 5): one-time enrollment tokens
 * that carry the CA pin, the sensor CA that issues client certificates, the TLS 1.3 gateway
 * listener where sensors enroll, ship event batches (de-duplicated by sensor sequence number) and
 * send heartbeats, and the admin API that lists sensors, changes their service configuration,
 * revokes and decommissions them (ADR 012).
 */
@ApplicationModule(
    allowedDependencies = {"shared", "audit", "assets", "ingest", "secrets", "protocol"})
package io.hsystem.sensors;

import org.springframework.modulith.ApplicationModule;

/**
 * System management (issue 7): encrypted backups of the database, keys and configuration, their
 * schedule and retention, and restore into an installation (ADR 013); the system status and the
 * Prometheus metrics.
 */
@ApplicationModule(
    allowedDependencies = {
      "shared",
      "audit",
      "auth",
      "ingest",
      "detection",
      "alerts",
      "notifications",
      "eventstore"
    })
package io.hsystem.system;

import org.springframework.modulith.ApplicationModule;

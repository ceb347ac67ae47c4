/**
 * The tamper-evident audit log (spec §8): who did what, from where, to what, with which outcome.
 * Mutating endpoints are recorded by {@link io.hsystem.audit.Audited}; other modules may append
 * through {@link io.hsystem.audit.AuditLog}.
 */
@ApplicationModule(allowedDependencies = "shared")
package io.hsystem.audit;

import org.springframework.modulith.ApplicationModule;

/**
 * Vulnerability records per asset (spec §3, §4) and their triage workflow: open, in triage, false
 * positive, not affected, resolved, each change with who, when and why.
 */
@ApplicationModule(allowedDependencies = {"shared", "audit", "assets"})
package io.hsystem.vulnerabilities;

import org.springframework.modulith.ApplicationModule;

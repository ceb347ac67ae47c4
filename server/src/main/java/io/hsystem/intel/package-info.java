/**
 * Threat intelligence (issue 4): the store of indicators of compromise (IPs, networks, domains,
 * URLs, file hashes) with their source, confidence, tags and expiry; importers for plain lists,
 * CSV, STIX 2.1 bundles and MISP events; the in-memory {@link io.hsystem.intel.IocMatcher} that
 * checks every event against them; and honeypot attackers recorded as low-confidence indicators.
 */
@ApplicationModule(allowedDependencies = {"shared", "audit", "protocol"})
package io.hsystem.intel;

import org.springframework.modulith.ApplicationModule;

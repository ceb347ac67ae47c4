/**
 * Detection (spec §3.2.2, §4.2, §5 "analyse"): Sigma rules compiled once with shared literal
 * matching, Sigma 2 correlations over their matches in sliding windows, threat-intelligence hits;
 * the rule catalog (the shipped pack, uploads, imported packs, on/off switches) with its API and
 * dry-runs. Findings go to the alert center.
 */
@ApplicationModule(
    allowedDependencies = {
      "shared",
      "audit",
      "protocol",
      "alerts",
      "intel",
      "ingest",
      "hunting",
      "eventstore"
    })
package io.hsystem.detection;

import org.springframework.modulith.ApplicationModule;

/**
 * The asset inventory (spec §3, §4): hosts, network devices and honeypots, with their online state
 * for agent- and sensor-managed assets.
 */
@ApplicationModule(allowedDependencies = {"shared", "audit"})
package io.hsystem.assets;

import org.springframework.modulith.ApplicationModule;

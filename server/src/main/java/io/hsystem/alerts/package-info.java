/**
 * The alert center (spec §3.2.2, §4): alerts raised by detections, grouped so that repeats update
 * one alert instead of flooding, their lifecycle with history, suppressions (exceptions), and the
 * {@link io.hsystem.alerts.AlertChanged} events the live push forwards to consoles.
 */
@ApplicationModule(allowedDependencies = {"shared", "audit", "protocol"})
package io.hsystem.alerts;

import org.springframework.modulith.ApplicationModule;

/**
 * The console's one WebSocket ({@code /api/v1/ws}): typed JSON messages in both directions. Today
 * it streams hunting results page by page with cancellation and pushes live alerts; update progress
 * joins it later.
 */
@ApplicationModule(
    allowedDependencies = {
      "shared",
      "auth",
      "alerts",
      "hunting",
      "eventstore",
      "protocol",
      "system"
    })
package io.hsystem.realtime;

import org.springframework.modulith.ApplicationModule;

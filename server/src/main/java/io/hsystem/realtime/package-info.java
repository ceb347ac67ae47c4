/**
 * The console's one WebSocket ({@code /api/v1/ws}): typed JSON messages in both directions. Today
 * it streams hunting results page by page with cancellation; live alerts and update progress join
 * it later.
 */
@ApplicationModule(allowedDependencies = {"shared", "auth", "hunting", "eventstore", "protocol"})
package io.hsystem.realtime;

import org.springframework.modulith.ApplicationModule;

/**
 * Where events are kept and searched: the {@link io.hsystem.eventstore.EventStore} interface with
 * two backends, embedded Lucene (default, {@code lucene/}) and Manticore over SphinxQL ({@code
 * manticore/}), both held to one contract test suite.
 */
@ApplicationModule(allowedDependencies = {"shared", "protocol"})
package io.hsystem.eventstore;

import org.springframework.modulith.ApplicationModule;

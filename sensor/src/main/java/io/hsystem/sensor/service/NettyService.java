package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.core.DecoySession;
import io.netty.channel.socket.SocketChannel;

/**
 * The protocol part of a Netty decoy: sets up the pipeline of one accepted, admitted connection.
 */
abstract class NettyService {

  final ServiceRuntime runtime;
  final ServiceConfig config;

  NettyService(ServiceRuntime runtime, ServiceConfig config) {
    this.runtime = runtime;
    this.config = config;
  }

  /** Adds the protocol handlers after the session limits; called on the connection's event loop. */
  abstract void init(SocketChannel channel, DecoySession session, Limits limits);
}

package io.hsystem.sensor.service;

import io.hsystem.sensor.config.ServiceConfig;

/** One bound decoy service. Closing it unbinds it and closes its open connections. */
public interface Decoy extends AutoCloseable {

  ServiceConfig config();

  /** The port actually bound (differs from the configured one when that was 0). */
  int port();

  @Override
  void close();
}

package io.hsystem.sensor.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Safety limits shared by every decoy. A honeypot faces hostile traffic by design: each limit
 * bounds memory, threads or time so that a flood cannot take the sensor down.
 *
 * @param maxConnections open connections over all decoys; more are closed on accept
 * @param maxConnectionsPerSource open connections from one source address
 * @param maxBytesPerSession bytes read from one connection before it is closed
 * @param sessionTimeoutSeconds longest life of one connection
 * @param idleTimeoutSeconds a connection with no traffic for this long is closed
 * @param maxAuthAttempts login attempts on one connection before it is closed
 * @param portScanThreshold distinct decoy ports one source must touch to be a port scan
 * @param portScanWindowSeconds the window those touches must fall into
 */
public record Limits(
    @JsonProperty("max_connections") int maxConnections,
    @JsonProperty("max_connections_per_source") int maxConnectionsPerSource,
    @JsonProperty("max_bytes_per_session") int maxBytesPerSession,
    @JsonProperty("session_timeout_seconds") int sessionTimeoutSeconds,
    @JsonProperty("idle_timeout_seconds") int idleTimeoutSeconds,
    @JsonProperty("max_auth_attempts") int maxAuthAttempts,
    @JsonProperty("port_scan_threshold") int portScanThreshold,
    @JsonProperty("port_scan_window_seconds") int portScanWindowSeconds) {

  /** 1000 connections, 20 per source, 64 KiB, 60 s session, 30 s idle, 6 logins, 3 ports/60 s. */
  public static Limits defaults() {
    return new Limits(1000, 20, 64 * 1024, 60, 30, 6, 3, 60);
  }

  public Limits withMaxConnections(int global, int perSource) {
    return new Limits(
        global,
        perSource,
        maxBytesPerSession,
        sessionTimeoutSeconds,
        idleTimeoutSeconds,
        maxAuthAttempts,
        portScanThreshold,
        portScanWindowSeconds);
  }

  public Limits withMaxBytesPerSession(int bytes) {
    return new Limits(
        maxConnections,
        maxConnectionsPerSource,
        bytes,
        sessionTimeoutSeconds,
        idleTimeoutSeconds,
        maxAuthAttempts,
        portScanThreshold,
        portScanWindowSeconds);
  }

  public Limits withTimeouts(int sessionSeconds, int idleSeconds) {
    return new Limits(
        maxConnections,
        maxConnectionsPerSource,
        maxBytesPerSession,
        sessionSeconds,
        idleSeconds,
        maxAuthAttempts,
        portScanThreshold,
        portScanWindowSeconds);
  }

  public Limits withMaxAuthAttempts(int attempts) {
    return new Limits(
        maxConnections,
        maxConnectionsPerSource,
        maxBytesPerSession,
        sessionTimeoutSeconds,
        idleTimeoutSeconds,
        attempts,
        portScanThreshold,
        portScanWindowSeconds);
  }

  public Limits withPortScan(int threshold, int windowSeconds) {
    return new Limits(
        maxConnections,
        maxConnectionsPerSource,
        maxBytesPerSession,
        sessionTimeoutSeconds,
        idleTimeoutSeconds,
        maxAuthAttempts,
        threshold,
        windowSeconds);
  }

  void validate(List<String> problems) {
    positive(problems, "limits.max_connections", maxConnections, 1_000_000);
    positive(problems, "limits.max_connections_per_source", maxConnectionsPerSource, 1_000_000);
    if (maxConnectionsPerSource > maxConnections && maxConnections > 0) {
      problems.add(
          "limits.max_connections_per_source: "
              + maxConnectionsPerSource
              + " is more than limits.max_connections ("
              + maxConnections
              + ")");
    }
    if (maxBytesPerSession < 1024 || maxBytesPerSession > 16 * 1024 * 1024) {
      problems.add(
          "limits.max_bytes_per_session: "
              + maxBytesPerSession
              + " is not between 1024 and 16777216 bytes");
    }
    positive(problems, "limits.session_timeout_seconds", sessionTimeoutSeconds, 86_400);
    positive(problems, "limits.idle_timeout_seconds", idleTimeoutSeconds, 86_400);
    positive(problems, "limits.max_auth_attempts", maxAuthAttempts, 1000);
    positive(problems, "limits.port_scan_threshold", portScanThreshold, 65_535);
    positive(problems, "limits.port_scan_window_seconds", portScanWindowSeconds, 86_400);
  }

  private static void positive(List<String> problems, String name, int value, int max) {
    if (value < 1 || value > max) {
      problems.add(name + ": " + value + " is not between 1 and " + max);
    }
  }
}

package io.hsystem.sensors;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An enrolled sensor as the admin API shows it.
 *
 * @param id the sensor id: subject of its certificate and {@code sensor_id} of its events
 * @param assetId its asset (type {@code honeypot})
 * @param status effective state at the time of reading
 * @param lastSeq highest sequence number taken in from it
 * @param eventsToday events taken in since 00:00 UTC
 * @param config what the server wants it to run
 * @param reportedConfigVersion the configuration version it last said it runs
 * @param reportedServices the services it last said it runs, verbatim
 * @param stats its shipper's last reported figures ({@code spooled}, {@code evicted}, {@code sent},
 *     …), verbatim
 */
public record Sensor(
    UUID id,
    String name,
    String hostname,
    Long assetId,
    SensorStatus status,
    String version,
    String sourceIp,
    Instant enrolledAt,
    Instant lastSeen,
    long lastSeq,
    long eventsToday,
    long eventsTotal,
    SensorConfig config,
    long reportedConfigVersion,
    List<Object> reportedServices,
    Map<String, Object> stats,
    Instant certificateExpiresAt,
    Instant revokedAt,
    Instant decommissionedAt) {}

package io.hsystem.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Ingest settings ({@code hsystem.ingest.*}).
 *
 * @param maxBodyBytes largest request body on the wire (413 beyond)
 * @param maxDecompressedBytes largest body after gzip (413 beyond)
 * @param maxRecords most records in one request (400 beyond)
 * @param maxConcurrentRequests ingest requests handled at once; more get 503 with Retry-After
 * @param maxPendingEvents events logged but not yet indexed; beyond it new batches get 503
 * @param commitInterval how often the event store commits (and the log is trimmed)
 * @param maxFieldLength longer string values are cut and named in {@code truncated}
 * @param maxRawLength longer raw records are cut
 * @param walSegmentBytes size at which the write-ahead log starts a new file
 * @param syslogPort TCP and UDP port of the syslog listener; 0 turns it off
 * @param syslogBind address the syslog listener binds
 * @param syslogMaxConnections concurrent syslog TCP connections
 */
@ConfigurationProperties("hsystem.ingest")
public record IngestProperties(
    @DefaultValue("33554432") long maxBodyBytes,
    @DefaultValue("67108864") long maxDecompressedBytes,
    @DefaultValue("20000") int maxRecords,
    @DefaultValue("4") int maxConcurrentRequests,
    @DefaultValue("50000") int maxPendingEvents,
    @DefaultValue("5s") Duration commitInterval,
    @DefaultValue("8192") int maxFieldLength,
    @DefaultValue("65536") int maxRawLength,
    @DefaultValue("67108864") long walSegmentBytes,
    @DefaultValue("5514") int syslogPort,
    @DefaultValue("0.0.0.0") String syslogBind,
    @DefaultValue("64") int syslogMaxConnections) {}

package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.config.SensorConfig;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.core.ConnectionGuard;
import io.hsystem.sensor.core.EventEmitter;
import io.hsystem.sensor.core.EventSink;
import io.hsystem.sensor.core.PortScanDetector;
import io.hsystem.sensor.core.ServiceStats;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What all decoys of one sensor share: the Netty event loops (one acceptor thread, a worker per
 * core), one timer thread, the connection caps, the port-scan detector and the event counters.
 * {@link #start} binds one decoy.
 */
public final class ServiceRuntime implements AutoCloseable {

  final EventEmitter emitter;
  final ConnectionGuard guard;
  final ScheduledExecutorService timer;
  final EventLoopGroup boss;
  final EventLoopGroup workers;
  private final Clock clock;
  private volatile Limits limits;
  private volatile PortScanDetector scans;
  private volatile String bindAddress;
  private volatile Path dataDir;
  private volatile DecoyProfile profile;

  public ServiceRuntime(SensorConfig config, EventSink sink) {
    this.clock = Clock.systemUTC();
    this.emitter = new EventEmitter(sink);
    Limits l = config.limits();
    this.guard =
        new ConnectionGuard(l.maxConnections(), l.maxConnectionsPerSource(), clock, emitter);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("hsystem-decoy-timer"));
    this.boss =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("hsystem-decoy-accept"), NioIoHandler.newFactory());
    this.workers =
        new MultiThreadIoEventLoopGroup(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            new DefaultThreadFactory("hsystem-decoy-io"),
            NioIoHandler.newFactory());
    timer.scheduleWithFixedDelay(guard::flushSummaries, 60, 60, TimeUnit.SECONDS);
    apply(config);
  }

  /** Takes new limits, bind address and data dir; decoys bound before keep their sockets. */
  public void apply(SensorConfig config) {
    Limits l = config.limits();
    Limits old = this.limits;
    this.limits = l;
    guard.setCaps(l.maxConnections(), l.maxConnectionsPerSource());
    if (old == null
        || old.portScanThreshold() != l.portScanThreshold()
        || old.portScanWindowSeconds() != l.portScanWindowSeconds()) {
      this.scans =
          new PortScanDetector(l.portScanThreshold(), l.portScanWindowSeconds(), clock, emitter);
    }
    this.bindAddress = config.bindAddress();
    Path dir = Path.of(config.dataDir());
    if (!dir.equals(this.dataDir)) {
      this.dataDir = dir;
      this.profile = DecoyProfile.load(dir);
    }
  }

  /**
   * Binds one decoy.
   *
   * @throws IOException when the port cannot be bound (in use, not permitted)
   */
  public Decoy start(ServiceConfig service) throws IOException {
    return switch (service.name()) {
      case "ssh" -> SshDecoy.start(this, service);
      case "telnet" -> NettyDecoy.bind(this, service, new TelnetDecoy(this, service));
      case "http" -> NettyDecoy.bind(this, service, new HttpDecoy(this, service));
      case "ftp" -> NettyDecoy.bind(this, service, new FtpDecoy(this, service));
      case "mysql" -> NettyDecoy.bind(this, service, new MysqlDecoy(this, service));
      case "redis" -> NettyDecoy.bind(this, service, new RedisDecoy(this, service));
      case "generic" -> NettyDecoy.bind(this, service, new GenericDecoy(this, service));
      default -> throw new IllegalArgumentException("unknown service: " + service.name());
    };
  }

  public ServiceStats stats() {
    return new ServiceStats(
        guard.accepted(),
        guard.refusedGlobal(),
        guard.refusedPerSource(),
        emitter.emitted(),
        emitter.failures(),
        guard.open());
  }

  Limits limits() {
    return limits;
  }

  PortScanDetector scans() {
    return scans;
  }

  String bindAddress() {
    return bindAddress;
  }

  Path dataDir() {
    return dataDir;
  }

  DecoyProfile profile() {
    return profile;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}

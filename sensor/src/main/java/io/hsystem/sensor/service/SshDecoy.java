package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.core.DecoySession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;

/**
 * SSH decoy on Apache MINA SSHD. Records the client's identification string, its HASSH (MD5 of the
 * KEXINIT kex;enc;mac;cmp client-to-server name-lists, as salesforce/hassh defines it), every
 * password and public-key attempt (key type and SHA256 fingerprint), and — behind the configured
 * credentials — the {@link FakeShell} for interactive shells and {@code exec} requests. SFTP, SCP
 * subsystems, port and agent forwarding, X11 and keyboard-interactive are all refused. Host keys
 * (ECDSA P-256 and RSA 3072) are generated once into the data dir, so restarts keep the
 * fingerprints.
 */
final class SshDecoy implements Decoy {

  static final AttributeKey<DecoySession> SESSION = new AttributeKey<>();
  private static final AttributeKey<ScheduledFuture<?>> DEADLINE = new AttributeKey<>();

  private final ServiceConfig config;
  private final SshServer server;

  private SshDecoy(ServiceConfig config, SshServer server) {
    this.config = config;
    this.server = server;
  }

  static Decoy start(ServiceRuntime runtime, ServiceConfig config) throws IOException {
    Limits limits = runtime.limits();
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost(runtime.bindAddress());
    server.setPort(config.port());
    String banner =
        config.banner() == null ? ServiceConfig.defaults("ssh").banner() : config.banner();
    CoreModuleProperties.SERVER_IDENTIFICATION.set(server, banner.substring("SSH-2.0-".length()));
    CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ofSeconds(limits.idleTimeoutSeconds()));
    CoreModuleProperties.AUTH_TIMEOUT.set(
        server, Duration.ofSeconds(limits.sessionTimeoutSeconds()));
    CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, limits.maxAuthAttempts());
    CoreModuleProperties.SOCKET_BACKLOG.set(server, 1024);
    CoreModuleProperties.NIO_WORKERS.set(server, 2);
    server.setKeyPairProvider(hostKeys(runtime.dataDir()));

    server.setPasswordAuthenticator(
        (username, password, session) -> {
          DecoySession s = session.getAttribute(SESSION);
          boolean ok = config.credentials().stream().anyMatch(c -> c.matches(username, password));
          if (s != null) {
            s.countAuthAttempt();
            s.emit(
                s.event("login_attempt")
                    .put("username", username)
                    .put("password", password)
                    .put("message", ok ? "password accepted" : "password rejected"));
            if (ok) {
              s.emit(s.event("login_success").put("username", username));
            }
          }
          return ok;
        });
    server.setPublickeyAuthenticator(
        (username, key, session) -> {
          DecoySession s = session.getAttribute(SESSION);
          if (s != null) {
            s.countAuthAttempt();
            s.emit(
                s.event("login_attempt")
                    .put("username", username)
                    .put("key_type", KeyUtils.getKeyType(key))
                    .put("key_fingerprint", fingerprint(key))
                    .put("message", "public key rejected"));
          }
          return false;
        });
    server.setKeyboardInteractiveAuthenticator(null);
    server.setGSSAuthenticator(null);
    server.setHostBasedAuthenticator(null);
    server.setShellFactory(channel -> new SshShellCommand(runtime, limits, null));
    server.setCommandFactory((channel, command) -> new SshShellCommand(runtime, limits, command));
    server.setSubsystemFactories(List.of());
    server.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
    server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
    server.setAgentFactory(null);

    Map<SocketAddress, InetSocketAddress> admitted = new ConcurrentHashMap<>();
    server.setIoServiceEventListener(
        new IoServiceEventListener() {
          @Override
          public void connectionAccepted(
              IoAcceptor acceptor, SocketAddress local, SocketAddress remote, SocketAddress service)
              throws IOException {
            if (!(remote instanceof InetSocketAddress r)
                || !(local instanceof InetSocketAddress l)) {
              return;
            }
            String dstIp = l.getAddress().getHostAddress();
            runtime.scans().touched(r.getAddress(), dstIp, l.getPort());
            if (!runtime.guard.tryAcquire(r.getAddress(), "ssh", dstIp, l.getPort())) {
              throw new IOException("connection cap reached");
            }
            admitted.put(remote, r);
          }

          @Override
          public void abortAcceptedConnection(
              IoAcceptor acceptor,
              SocketAddress local,
              SocketAddress remote,
              SocketAddress service,
              Throwable reason) {
            InetSocketAddress r = admitted.remove(remote);
            if (r != null) {
              runtime.guard.release(r.getAddress());
            }
          }
        });
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            SocketAddress remote = session.getIoSession().getRemoteAddress();
            SocketAddress local = session.getIoSession().getLocalAddress();
            if (!(remote instanceof InetSocketAddress r)
                || !(local instanceof InetSocketAddress l)) {
              return;
            }
            DecoySession s = new DecoySession("ssh", r, l, runtime.emitter);
            session.setAttribute(SESSION, s);
            s.emit(s.event("connection").put("message", "connection to ssh"));
            session.setAttribute(
                DEADLINE,
                runtime.timer.schedule(
                    () -> {
                      s.emit(
                          s.event("session_limit")
                              .put(
                                  "message",
                                  "closed: session time limit of "
                                      + limits.sessionTimeoutSeconds()
                                      + " s"));
                      session.close(true);
                    },
                    limits.sessionTimeoutSeconds(),
                    TimeUnit.SECONDS));
          }

          @Override
          public void sessionPeerIdentificationReceived(
              Session session, String version, List<String> extraLines) {
            DecoySession s = session.getAttribute(SESSION);
            if (s != null) {
              s.remember("ssh_client_version", version);
            }
          }

          @Override
          public void sessionNegotiationEnd(
              Session session,
              Map<KexProposalOption, String> clientProposal,
              Map<KexProposalOption, String> serverProposal,
              Map<KexProposalOption, String> negotiatedOptions,
              Throwable reason) {
            DecoySession s = session.getAttribute(SESSION);
            if (s != null && clientProposal != null) {
              String algorithms = hasshAlgorithms(clientProposal);
              s.remember("hassh", md5(algorithms));
              s.remember("hassh_algorithms", algorithms);
            }
          }

          @Override
          public void sessionClosed(Session session) {
            ScheduledFuture<?> deadline = session.getAttribute(DEADLINE);
            if (deadline != null) {
              deadline.cancel(false);
            }
            InetSocketAddress r = admitted.remove(session.getIoSession().getRemoteAddress());
            if (r != null) {
              runtime.guard.release(r.getAddress());
            }
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      server.stop(true);
      throw new IOException(
          "ssh: cannot bind " + runtime.bindAddress() + ":" + config.port() + ": " + e.getMessage(),
          e);
    }
    return new SshDecoy(config, server);
  }

  /** {@code kex;enc_c2s;mac_c2s;cmp_c2s}, the string HASSH hashes. */
  static String hasshAlgorithms(Map<KexProposalOption, String> client) {
    return String.join(
        ";",
        client.getOrDefault(KexProposalOption.ALGORITHMS, ""),
        client.getOrDefault(KexProposalOption.C2SENC, ""),
        client.getOrDefault(KexProposalOption.C2SMAC, ""),
        client.getOrDefault(KexProposalOption.C2SCOMP, ""));
  }

  static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String fingerprint(PublicKey key) {
    try {
      return KeyUtils.getFingerPrint(key);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** ECDSA P-256 and RSA 3072 host keys, generated once into {@code dataDir}. */
  private static KeyPairProvider hostKeys(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    SimpleGeneratorHostKeyProvider ecdsa =
        new SimpleGeneratorHostKeyProvider(dataDir.resolve("ssh_host_ecdsa_key"));
    ecdsa.setAlgorithm(KeyUtils.EC_ALGORITHM);
    ecdsa.setKeySize(256);
    SimpleGeneratorHostKeyProvider rsa =
        new SimpleGeneratorHostKeyProvider(dataDir.resolve("ssh_host_rsa_key"));
    rsa.setAlgorithm(KeyUtils.RSA_ALGORITHM);
    rsa.setKeySize(3072);
    List<KeyPair> keys = new ArrayList<>();
    ecdsa.loadKeys(null).forEach(keys::add);
    rsa.loadKeys(null).forEach(keys::add);
    if (keys.isEmpty()) {
      throw new IOException("ssh: cannot load or create host keys in " + dataDir);
    }
    return KeyPairProvider.wrap(keys);
  }

  @Override
  public ServiceConfig config() {
    return config;
  }

  @Override
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** The decoy session of an SSH server session. */
  static DecoySession session(ServerSession session) {
    return session.getAttribute(SESSION);
  }
}

package io.hsystem.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import io.hsystem.support.IntegrationTest;
import io.hsystem.system.internal.UpdatePackage;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The update server source: {@code check} fetches only the small signed manifest and believes it
 * only with the trusted key's signature; a server that is down, a manifest signed by another key,
 * and an older version are each told apart.
 */
class UpdateServerTest extends IntegrationTest {

  private static final KeyPair KEYS = generate();
  private static final KeyPair OTHER = generate();
  private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
  private static HttpServer server;

  @DynamicPropertySource
  static void updateServer(DynamicPropertyRegistry registry) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = FILES.get(exchange.getRequestURI().getPath());
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    int port = server.getAddress().getPort();
    registry.add("hsystem.update.url", () -> "http://127.0.0.1:" + port + "/hsystem/manifest.json");
    registry.add(
        "hsystem.update.public-key",
        () -> Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()));
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @BeforeEach
  void empty() {
    FILES.clear();
  }

  @Test
  void checkReadsTheSignedManifestOfTheUpdateServer() throws Exception {
    String admin = token("admin");
    mvc.perform(getAs(admin, "/api/v1/system/update/check"))
        .andExpect(status().isBadGateway())
        .andExpect(jsonPath("$.code").value("update.source_unreachable"));

    Path jar = Files.createTempFile("hsystem-next", ".jar");
    Files.write(jar, new byte[3 * 1024 * 1024]);
    publish(jar, "v99.0.0", KEYS);
    mvc.perform(getAs(admin, "/api/v1/system/update/check"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.current_version").value(org.hamcrest.Matchers.startsWith("v")))
        .andExpect(jsonPath("$.target_version").value("v99.0.0"))
        .andExpect(jsonPath("$.update_size").value("3.0 MB"))
        .andExpect(jsonPath("$.release_notes").value("修复与改进"))
        .andExpect(jsonPath("$.source").value("url"));

    publish(jar, "v99.0.0", OTHER);
    mvc.perform(getAs(admin, "/api/v1/system/update/check"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("update.bad_signature"));

    publish(jar, "v0.0.1", KEYS);
    mvc.perform(getAs(admin, "/api/v1/system/update/check"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("update.not_newer"));
    assertThat(FILES).containsKey("/hsystem/manifest.json.sig");
  }

  private static void publish(Path jar, String version, KeyPair keys) throws Exception {
    byte[] manifest =
        UpdatePackage.manifestFor(jar, version, "修复与改进", Instant.now(), UpdatePackage.PRODUCT);
    FILES.put("/hsystem/manifest.json", manifest);
    FILES.put(
        "/hsystem/manifest.json.sig",
        UpdatePackage.sign(manifest, keys.getPrivate())
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    FILES.put("/hsystem/hsystem-server.jar", Files.readAllBytes(jar));
  }

  private static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

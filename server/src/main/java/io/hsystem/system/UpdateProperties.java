package io.hsystem.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Updates ({@code hsystem.update.*}).
 *
 * @param publicKey the Ed25519 public key update manifests must be signed with (base64 of the X.509
 *     SubjectPublicKeyInfo, or PEM); without it every update is refused
 * @param url where a signed {@code manifest.json} (and {@code manifest.json.sig}, and the artifacts
 *     beside them) is served; empty for offline sites, which upload packages instead
 * @param healthTimeout how long the new version has to answer healthy before it is rolled back
 */
@ConfigurationProperties("hsystem.update")
public record UpdateProperties(String publicKey, String url, Duration healthTimeout) {

  public UpdateProperties {
    publicKey = publicKey == null || publicKey.isBlank() ? null : publicKey.trim();
    url = url == null || url.isBlank() ? null : url.trim();
    healthTimeout = healthTimeout == null ? Duration.ofMinutes(3) : healthTimeout;
  }
}

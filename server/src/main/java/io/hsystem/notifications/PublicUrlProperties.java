package io.hsystem.notifications;

import java.net.URI;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's address as users reach it ({@code hsystem.public-url}, {@code HSYSTEM_PUBLIC_URL}),
 * e.g. {@code https://soc.example.com}; notifications link to {@code <public-url>/alerts/<id>} when
 * it is set.
 */
@ConfigurationProperties("hsystem")
public record PublicUrlProperties(String publicUrl) {

  public PublicUrlProperties {
    if (publicUrl != null && !publicUrl.isBlank()) {
      publicUrl = publicUrl.trim().replaceAll("/+$", "");
      URI uri = URI.create(publicUrl);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("hsystem.public-url must be an http(s) URL");
      }
    } else {
      publicUrl = null;
    }
  }

  /** The console page of an alert, or null when no public URL is configured. */
  public String alertLink(long id) {
    return publicUrl == null ? null : publicUrl + "/alerts/" + id;
  }

  /** The console's alert list, or null when no public URL is configured. */
  public String alertsLink() {
    return publicUrl == null ? null : publicUrl + "/alerts";
  }
}

package io.hsystem.alerts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert center settings ({@code hsystem.alerts.*}).
 *
 * @param groupWindow repeats of a detection this close to the open alert's last sighting join it
 * @param evidenceEvents matched events whose key fields an alert keeps (the newest)
 * @param retentionDays alerts created before this many days are deleted daily (0 keeps them)
 */
@ConfigurationProperties("hsystem.alerts")
public record AlertProperties(
    @DefaultValue("1h") Duration groupWindow,
    @DefaultValue("20") int evidenceEvents,
    @DefaultValue("365") int retentionDays) {

  public AlertProperties {
    if (groupWindow.isNegative() || groupWindow.isZero()) {
      throw new IllegalArgumentException("hsystem.alerts.group-window must be positive");
    }
    if (evidenceEvents < 1 || evidenceEvents > 1000) {
      throw new IllegalArgumentException("hsystem.alerts.evidence-events must be 1 to 1000");
    }
  }
}

package io.hsystem.assets;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Asset settings ({@code hsystem.assets.*}).
 *
 * @param offlineAfter an agent or sensor asset without a check-in for this long is offline
 */
@ConfigurationProperties("hsystem.assets")
public record AssetsProperties(@DefaultValue("5m") Duration offlineAfter) {}

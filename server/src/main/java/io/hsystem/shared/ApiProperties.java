package io.hsystem.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HTTP API limits ({@code hsystem.api.*}).
 *
 * @param maxBodyBytes largest request body accepted on {@code /api/**}; larger ones get 413
 */
@ConfigurationProperties("hsystem.api")
public record ApiProperties(@DefaultValue("1048576") long maxBodyBytes) {}

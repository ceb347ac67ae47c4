package io.hsystem.notifications.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channels as delivery sees them. Every routing pass reads the channel rows (a small table, one
 * query per batch of alert changes), so edits made on any server instance take effect at once; rows
 * that did not change reuse their decrypted configuration, because decrypting (PBKDF2) is
 * deliberately slow.
 */
public final class ChannelCatalog {

  private final ChannelRepository repository;
  private final SecretBox secrets;
  private final JsonMapper json;
  private Map<ChannelRepository.Row, ChannelConfig> decrypted = new HashMap<>();

  public ChannelCatalog(ChannelRepository repository, SecretBox secrets, JsonMapper json) {
    this.repository = repository;
    this.secrets = secrets;
    this.json = json;
  }

  /** The enabled channels as stored now. */
  public synchronized List<ChannelConfig> enabled() {
    Map<ChannelRepository.Row, ChannelConfig> current = new HashMap<>();
    List<ChannelConfig> configs = new ArrayList<>();
    for (ChannelRepository.Row row : repository.enabled()) {
      ChannelConfig config = decrypted.get(row);
      if (config == null) {
        config = toConfig(row);
      }
      current.put(row, config);
      configs.add(config);
    }
    decrypted = current;
    return configs;
  }

  /** One channel ready for delivery, enabled or not. */
  public synchronized ChannelConfig config(ChannelRepository.Row row) {
    ChannelConfig config = decrypted.get(row);
    return config != null ? config : toConfig(row);
  }

  private ChannelConfig toConfig(ChannelRepository.Row row) {
    Destination destination = null;
    String unreadable = null;
    try {
      destination =
          ChannelSettings.destination(
              row.channelType(),
              json.readValue(row.settings(), new TypeReference<Map<String, Object>>() {}),
              secrets.open(row.secrets()));
    } catch (SecretBox.UnreadableException e) {
      unreadable = e.getMessage();
    }
    return new ChannelConfig(
        row.id(),
        row.name(),
        row.channelType(),
        row.filter(),
        row.rateLimit(),
        destination,
        unreadable);
  }
}

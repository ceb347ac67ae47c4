package io.hsystem.assets;

/**
 * How telemetry names the host it comes from, strongest identity first.
 *
 * @param agentId id of the agent or sensor that reported it, when known
 * @param hostName host name, when known
 * @param ip host address, when known
 * @param type what to create the asset as when it is new
 * @param managedBy who reports it
 */
public record HostRef(
    String agentId, String hostName, String ip, AssetType type, ManagedBy managedBy) {

  /** The key two references of the same host share. */
  public String key() {
    if (agentId != null) {
      return "agent:" + agentId;
    }
    if (hostName != null) {
      return "host:" + hostName.toLowerCase(java.util.Locale.ROOT);
    }
    return "ip:" + ip;
  }
}

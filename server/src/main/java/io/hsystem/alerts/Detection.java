package io.hsystem.alerts;

import io.hsystem.protocol.Event;
import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One finding handed to the alert center: a rule (or indicator) matched these events. Repeats with
 * the same {@link #groupKey()} inside the grouping window update one open alert.
 *
 * @param ruleId stable id of the rule or indicator (e.g. a Sigma id, {@code ioc:42})
 * @param ruleAuthor credited wherever the alert is shown (Sigma rules' Detection Rule License)
 * @param alertType short machine name, e.g. {@code honeypot_brute_force}
 * @param time event time of the newest matched event
 * @param events the matched events, newest last (evidence keeps the key fields of a few)
 * @param context extra evidence, e.g. the indicator's source and confidence
 * @param groupBy values that tell findings of one rule apart beyond asset and source (a
 *     correlation's group-by values), empty for none
 */
public record Detection(
    DetectionSource source,
    String ruleId,
    String ruleName,
    String ruleAuthor,
    String alertType,
    Severity severity,
    String title,
    List<String> tactics,
    List<String> techniques,
    Long assetId,
    String hostName,
    String srcIp,
    String dstIp,
    Instant time,
    List<Event> events,
    Map<String, Object> context,
    Map<String, String> groupBy) {

  public Detection {
    groupBy = groupBy == null ? Map.of() : new java.util.TreeMap<>(groupBy);
    tactics = tactics == null ? List.of() : List.copyOf(tactics);
    techniques = techniques == null ? List.of() : List.copyOf(techniques);
    events = events == null ? List.of() : List.copyOf(events);
    context = context == null ? Map.of() : Map.copyOf(context);
  }

  /** Same rule, same asset, same source address (and same group-by values): one alert. */
  public String groupKey() {
    String key =
        String.join(
            "|",
            source.name(),
            ruleId,
            assetId == null ? "-" : assetId.toString(),
            srcIp == null ? "-" : srcIp,
            assetId == null && hostName != null ? hostName : "-",
            groupBy.toString());
    if (key.length() <= 1024) {
      return key;
    }
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return key.substring(0, 960) + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

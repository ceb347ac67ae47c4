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
    Map<String, Object> context) {

  public Detection {
    tactics = tactics == null ? List.of() : List.copyOf(tactics);
    techniques = techniques == null ? List.of() : List.copyOf(techniques);
    events = events == null ? List.of() : List.copyOf(events);
    context = context == null ? Map.of() : Map.copyOf(context);
  }

  /** Same rule, same asset, same source address: one alert. */
  public String groupKey() {
    return String.join(
        "|",
        source.name(),
        ruleId,
        assetId == null ? "-" : assetId.toString(),
        srcIp == null ? "-" : srcIp,
        assetId == null && hostName != null ? hostName : "-");
  }
}

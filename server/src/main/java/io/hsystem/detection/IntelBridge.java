package io.hsystem.detection;

import io.hsystem.alerts.Detection;
import io.hsystem.alerts.DetectionSource;
import io.hsystem.intel.IntelService;
import io.hsystem.intel.IocHit;
import io.hsystem.intel.IocMatcher;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Threat intelligence seen from detection: an event marked at ingest ({@code ioc_match}) becomes
 * one finding per indicator it hit, with the indicator's context; honeypot attackers go back into
 * the indicator store.
 */
@Component
class IntelBridge {

  private final IocMatcher matcher;
  private final IntelService intel;

  IntelBridge(IocMatcher matcher, IntelService intel) {
    this.matcher = matcher;
    this.intel = intel;
  }

  List<Detection> detections(Event event) {
    if (!event.has(EventField.IOC_MATCH)) {
      return List.of();
    }
    boolean honeypotEvent = "honeypot".equals(event.getString(EventField.EVENT_CATEGORY));
    List<Detection> found = new ArrayList<>();
    for (IocHit hit : matcher.match(event)) {
      if (honeypotEvent && IntelService.HONEYPOT.equals(hit.source())) {
        continue; // the honeypot's own rules cover its attackers' events
      }
      found.add(detection(hit, event));
    }
    return found;
  }

  void recordHoneypotAttackers(Map<String, Instant> attackers) {
    intel.recordHoneypotAttackers(attackers);
  }

  private static Detection detection(IocHit hit, Event event) {
    String type = Enums.value(hit.type());
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("ioc_id", hit.iocId());
    context.put("ioc_type", type);
    context.put("ioc_value", hit.value());
    context.put("ioc_source", hit.source());
    context.put("confidence", hit.confidence());
    context.put("tags", hit.tags());
    if (hit.description() != null) {
      context.put("description", hit.description());
    }
    context.put("matched_field", hit.field() == null ? null : hit.field().fieldName());
    context.put("matched_value", hit.matchedValue());
    String where =
        event.getString(EventField.HOST_NAME) != null
            ? " on " + event.getString(EventField.HOST_NAME)
            : "";
    return new Detection(
        DetectionSource.INTEL,
        "ioc:" + hit.iocId(),
        "Threat intelligence match: " + type + " " + hit.value(),
        "indicator source: " + hit.source(),
        "ioc_" + type,
        severity(hit),
        "Known-bad " + type + " " + hit.matchedValue() + where,
        List.of(),
        List.of(),
        event.getLong(EventField.ASSET_ID),
        event.getString(EventField.HOST_NAME),
        event.getString(EventField.SRC_IP),
        event.getString(EventField.DST_IP),
        event.getTime(EventField.EVENT_TIME),
        List.of(event),
        context,
        Map.of());
  }

  /** The indicator's own severity when it has one, else from its confidence. */
  private static Severity severity(IocHit hit) {
    if (hit.severity() != null) {
      return hit.severity();
    }
    if (hit.confidence() >= 80) {
      return Severity.HIGH;
    }
    return hit.confidence() >= 50 ? Severity.MEDIUM : Severity.LOW;
  }
}

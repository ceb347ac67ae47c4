package io.hsystem.alerts;

import io.hsystem.alerts.internal.SuppressionRepository;
import io.hsystem.audit.AuditContext;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.FieldKind;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.IpAddresses;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Suppressions (exceptions): create, list, delete, and the check every detection goes through
 * before it may raise an alert. The active set is cached and replaced on every change.
 */
@Service
public class SuppressionService {

  static final String ASSET_ID = "asset_id";
  private static final int MAX_FIELDS = 16;
  private static final int MAX_VALUES = 100;
  private static final int MAX_VALUE = 1024;
  private static final int MAX_REASON = 2048;

  private final SuppressionRepository repository;
  private final JsonMapper json;
  private final Clock clock;
  private volatile List<Suppression> active;

  SuppressionService(SuppressionRepository repository, JsonMapper json, Clock clock) {
    this.repository = repository;
    this.json = json;
    this.clock = clock;
  }

  /** Every suppression, expired ones included (they stay for the record until deleted). */
  @Transactional(readOnly = true)
  public List<Suppression> list() {
    return repository.all().stream().map(this::toSuppression).toList();
  }

  @Transactional
  public Suppression create(
      String ruleId,
      Map<String, List<String>> conditions,
      String reason,
      Instant expiresAt,
      String createdBy) {
    Map<String, List<String>> valid = validate(ruleId, conditions, reason, expiresAt);
    long id =
        repository.insert(
            ruleId == null || ruleId.isBlank() ? null : ruleId.trim(),
            json.writeValueAsString(valid),
            reason.trim(),
            expiresAt,
            createdBy,
            clock.instant());
    AuditContext.target(id);
    AuditContext.detail("rule_id", ruleId);
    AuditContext.detail("conditions", valid);
    reload();
    return list().stream().filter(s -> s.id() == id).findFirst().orElseThrow();
  }

  @Transactional
  public void delete(long id) {
    if (!repository.delete(id)) {
      throw new ApiException(AlertProblem.SUPPRESSION_NOT_FOUND, "no suppression with id " + id);
    }
    AuditContext.target(id);
    reload();
  }

  /** Forgets the cached set (tests empty the tables underneath). */
  public void reload() {
    active = null;
  }

  /**
   * Splits detections into those that may raise alerts and those an active suppression takes; the
   * latter are counted on their suppression.
   */
  List<Detection> filter(List<Detection> detections) {
    List<Suppression> current = active();
    if (current.isEmpty()) {
      return detections;
    }
    Instant now = clock.instant();
    List<Detection> kept = new ArrayList<>(detections.size());
    Map<Long, Long> hits = new HashMap<>();
    for (Detection d : detections) {
      Suppression by = null;
      for (Suppression s : current) {
        if ((s.expiresAt() == null || s.expiresAt().isAfter(now)) && matches(s, d)) {
          by = s;
          break;
        }
      }
      if (by == null) {
        kept.add(d);
      } else {
        hits.merge(by.id(), (long) Math.max(1, d.events().size()), Long::sum);
      }
    }
    if (!hits.isEmpty()) {
      repository.addHits(hits, now);
    }
    return kept;
  }

  private List<Suppression> active() {
    List<Suppression> current = active;
    if (current == null) {
      current = list();
      active = current;
    }
    return current;
  }

  private static boolean matches(Suppression s, Detection d) {
    if (s.ruleId() != null && !s.ruleId().equals(d.ruleId())) {
      return false;
    }
    Event event = d.events().isEmpty() ? null : d.events().get(d.events().size() - 1);
    for (Map.Entry<String, List<String>> condition : s.conditions().entrySet()) {
      String actual;
      EventField field = null;
      if (condition.getKey().equals(ASSET_ID)) {
        actual = d.assetId() == null ? null : d.assetId().toString();
      } else {
        field = EventField.byName(condition.getKey());
        Object value = event == null || field == null ? null : event.get(field);
        actual = value == null ? fallback(d, field) : value.toString();
      }
      if (actual == null || !anyMatches(condition.getValue(), actual, field)) {
        return false;
      }
    }
    return true;
  }

  private static String fallback(Detection d, EventField field) {
    if (field == EventField.SRC_IP) {
      return d.srcIp();
    } else if (field == EventField.DST_IP) {
      return d.dstIp();
    } else if (field == EventField.HOST_NAME) {
      return d.hostName();
    }
    return null;
  }

  private static boolean anyMatches(List<String> accepted, String actual, EventField field) {
    for (String value : accepted) {
      if (field != null && field.kind() == FieldKind.IP && value.indexOf('/') > 0) {
        if (IpAddresses.inCidr(actual, value)) {
          return true;
        }
      } else if (value.equalsIgnoreCase(actual)) {
        return true;
      }
    }
    return false;
  }

  private Map<String, List<String>> validate(
      String ruleId, Map<String, List<String>> conditions, String reason, Instant expiresAt) {
    if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
      throw ApiException.badField("reason", "is required, at most " + MAX_REASON + " characters");
    }
    if (ruleId != null && ruleId.length() > 128) {
      throw ApiException.badField("rule_id", "at most 128 characters");
    }
    Map<String, List<String>> given = conditions == null ? Map.of() : conditions;
    boolean global = ruleId == null || ruleId.isBlank();
    if (given.isEmpty() && global) {
      throw ApiException.badField(
          "conditions", "a suppression for every rule needs at least one field condition");
    }
    if (given.size() > MAX_FIELDS) {
      throw ApiException.badField("conditions", "at most " + MAX_FIELDS + " fields");
    }
    if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
      throw ApiException.badField("expires_at", "must be in the future");
    }
    Map<String, List<String>> valid = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> c : given.entrySet()) {
      String name = c.getKey() == null ? "" : c.getKey().trim().toLowerCase(Locale.ROOT);
      EventField field = EventField.byName(name);
      if (!name.equals(ASSET_ID) && (field == null || field.kind() == FieldKind.STORED)) {
        throw ApiException.badField(
            "conditions", "'" + abbreviate(name) + "' is not a searchable event field");
      }
      List<String> values = c.getValue() == null ? List.of() : c.getValue();
      if (values.isEmpty() || values.size() > MAX_VALUES) {
        throw ApiException.badField("conditions." + name, "give 1 to " + MAX_VALUES + " values");
      }
      List<String> cleaned = new ArrayList<>();
      for (String v : values) {
        if (v == null || v.isBlank() || v.length() > MAX_VALUE) {
          throw ApiException.badField(
              "conditions." + name, "values must be 1 to " + MAX_VALUE + " characters");
        }
        if (field != null
            && field.kind() == FieldKind.IP
            && v.indexOf('/') > 0
            && !IpAddresses.isCidr(v.trim())) {
          throw ApiException.badField(
              "conditions." + name, "'" + abbreviate(v) + "' is not a CIDR");
        }
        cleaned.add(v.trim());
      }
      valid.put(field == null ? ASSET_ID : field.fieldName(), cleaned);
    }
    return valid;
  }

  private static String abbreviate(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }

  private Suppression toSuppression(SuppressionRepository.Row r) {
    return new Suppression(
        r.id(),
        r.ruleId(),
        json.readValue(r.conditions(), new TypeReference<Map<String, List<String>>>() {}),
        r.reason(),
        r.expiresAt(),
        r.createdBy(),
        r.createdAt(),
        r.hitCount(),
        r.lastHit());
  }
}

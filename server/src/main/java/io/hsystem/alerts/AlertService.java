package io.hsystem.alerts;

import io.hsystem.alerts.internal.AlertRepository;
import io.hsystem.audit.AuditContext;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import io.hsystem.shared.Severity;
import io.hsystem.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The alert center's façade. {@link #raise} turns detections into alerts: suppressed ones are
 * counted, repeats of the same rule, asset and source within the grouping window update the one
 * open alert (count, last seen, newest evidence) instead of adding alerts. Users list, read and
 * handle alerts; every handling step is kept as history. Changes are published as {@link
 * AlertChanged} once committed.
 */
@Service
public class AlertService {

  static final int MAX_REMARK = 2048;
  static final int MAX_BULK = 1000;
  private static final int MAX_EVIDENCE_VALUE = 1024;

  /** Event fields copied into an alert's evidence. */
  private static final List<EventField> EVIDENCE_FIELDS =
      List.of(
          EventField.EVENT_ID,
          EventField.EVENT_TIME,
          EventField.EVENT_TYPE,
          EventField.SOURCE_TYPE,
          EventField.HOST_NAME,
          EventField.HOST_IP,
          EventField.SENSOR_ID,
          EventField.SERVICE,
          EventField.SESSION_ID,
          EventField.SRC_IP,
          EventField.SRC_PORT,
          EventField.DST_IP,
          EventField.DST_PORT,
          EventField.PROTOCOL,
          EventField.USERNAME,
          EventField.PASSWORD,
          EventField.USER,
          EventField.PROCESS_NAME,
          EventField.PATH,
          EventField.COMMAND_LINE,
          EventField.PARENT_PROCESS_NAME,
          EventField.PARENT_COMMAND_LINE,
          EventField.HASH_SHA256,
          EventField.URL,
          EventField.HTTP_METHOD,
          EventField.USER_AGENT,
          EventField.DNS_QUERY,
          EventField.FILE_PATH,
          EventField.REGISTRY_KEY);

  private final AlertRepository repository;
  private final SuppressionService suppressions;
  private final AlertProperties properties;
  private final ApplicationEventPublisher publisher;
  private final TransactionTemplate transaction;
  private final JsonMapper json;
  private final Clock clock;

  AlertService(
      AlertRepository repository,
      SuppressionService suppressions,
      AlertProperties properties,
      ApplicationEventPublisher publisher,
      TransactionTemplate transaction,
      JsonMapper json,
      Clock clock) {
    this.repository = repository;
    this.suppressions = suppressions;
    this.properties = properties;
    this.publisher = publisher;
    this.transaction = transaction;
    this.json = json;
    this.clock = clock;
  }

  /** What {@link #raise} did. */
  public record Raised(List<Long> created, List<Long> repeated, int suppressed) {}

  /**
   * Raises alerts for the detections (one transaction), then publishes what changed. Called by the
   * detection engine's single thread; user changes made meanwhile win over repeats.
   */
  public Raised raise(List<Detection> detections) {
    if (detections.isEmpty()) {
      return new Raised(List.of(), List.of(), 0);
    }
    Raised raised =
        transaction.execute(
            status -> {
              List<Detection> kept = suppressions.filter(detections);
              Map<String, List<Detection>> groups = new LinkedHashMap<>();
              for (Detection d : kept) {
                groups.computeIfAbsent(d.groupKey(), k -> new ArrayList<>()).add(d);
              }
              Instant now = clock.instant();
              Map<String, AlertRepository.OpenAlert> open = repository.findOpen(groups.keySet());
              List<Long> created = new ArrayList<>();
              List<AlertRepository.Repeat> repeats = new ArrayList<>();
              Map<Long, String> groupOfRepeat = new java.util.HashMap<>();
              List<List<Detection>> fresh = new ArrayList<>();
              Duration window = properties.groupWindow();
              for (Map.Entry<String, List<Detection>> group : groups.entrySet()) {
                AlertRepository.OpenAlert current = open.get(group.getKey());
                Instant first = earliest(group.getValue());
                if (current != null && !first.isAfter(current.lastSeen().plus(window))) {
                  groupOfRepeat.put(current.id(), group.getKey());
                  repeats.add(
                      new AlertRepository.Repeat(
                          current.id(),
                          count(group.getValue()),
                          latest(group.getValue()),
                          evidence(json.readTree(current.evidence()), group.getValue())));
                } else {
                  if (current != null) {
                    repository.closeGroup(current.id());
                  }
                  fresh.add(group.getValue());
                }
              }
              List<Long> repeated = repository.addRepeats(repeats, now);
              for (AlertRepository.Repeat r : repeats) {
                if (!repeated.contains(r.id())) {
                  // closed by a user since it was read: this repeat starts a new alert
                  fresh.add(groups.get(groupOfRepeat.get(r.id())));
                }
              }
              for (List<Detection> group : fresh) {
                created.add(repository.insert(newAlert(group), now));
              }
              return new Raised(created, repeated, detections.size() - kept.size());
            });
    publish(AlertChanged.Kind.CREATED, raised.created());
    publish(AlertChanged.Kind.REPEATED, raised.repeated());
    return raised;
  }

  @Transactional(readOnly = true)
  public Page<Alert> list(AlertQuery query, PageQuery page) {
    AlertRepository.Filter filter = filter(query);
    return new Page<>(
        repository.count(filter),
        repository.list(filter, orderBy(query), page.size(), page.offset()).stream()
            .map(AlertService::toAlert)
            .toList());
  }

  @Transactional(readOnly = true)
  public AlertDetail get(long id) {
    Alert alert = repository.find(id).map(AlertService::toAlert).orElseThrow(() -> notFound(id));
    JsonNode evidence = json.readTree(repository.evidence(id).orElse("{}"));
    List<AlertDetail.HistoryEntry> history =
        repository.history(id).stream()
            .map(
                h ->
                    new AlertDetail.HistoryEntry(
                        h.at(),
                        h.actor(),
                        h.fromStatus() == null ? null : status(h.fromStatus()),
                        status(h.toStatus()),
                        h.assignee(),
                        h.remark()))
            .toList();
    return new AlertDetail(alert, evidence, history);
  }

  /**
   * Alerts created after {@code afterId}, oldest first: what a reconnecting console missed.
   *
   * @param severities only these, or all when empty
   */
  @Transactional(readOnly = true)
  public List<Alert> since(long afterId, Collection<Severity> severities, int limit) {
    return repository
        .since(afterId, severities.stream().map(Severity::value).toList(), limit)
        .stream()
        .map(AlertService::toAlert)
        .toList();
  }

  /** A change of handling asked for by a user; null fields are left as they are. */
  public record Handling(AlertStatus status, String remark, String assignee) {}

  /**
   * Moves one alert on.
   *
   * @throws ApiException 404 for an unknown alert, 409 for a transition the lifecycle forbids
   */
  @Transactional
  public Alert handle(long id, Handling handling, String actor) {
    Alert current = repository.find(id).map(AlertService::toAlert).orElseThrow(() -> notFound(id));
    apply(current, validate(handling), actor);
    AuditContext.target(id);
    AuditContext.detail("from", Enums.value(current.status()));
    AuditContext.detail("to", Enums.value(handling.status()));
    Alert changed = repository.find(id).map(AlertService::toAlert).orElseThrow();
    publishAfterCommit(List.of(changed));
    return changed;
  }

  /** What a bulk change did. */
  public record BulkResult(List<Long> updated, Map<Long, String> skipped) {}

  /**
   * Moves many alerts on: given ids, or every alert the query matches (at most {@value #MAX_BULK}).
   * Alerts whose status cannot make the move are skipped with the reason.
   */
  @Transactional
  public BulkResult handleAll(List<Long> ids, AlertQuery query, Handling handling, String actor) {
    Handling valid = validate(handling);
    List<Long> targets;
    if (ids != null && !ids.isEmpty()) {
      if (ids.size() > MAX_BULK) {
        throw ApiException.badField("ids", "at most " + MAX_BULK + " ids at once");
      }
      targets = ids.stream().distinct().toList();
    } else if (query != null) {
      targets = repository.ids(filter(query), MAX_BULK + 1);
      if (targets.size() > MAX_BULK) {
        throw ApiException.badField(
            "filter", "matches more than " + MAX_BULK + " alerts; narrow it down");
      }
    } else {
      throw ApiException.badField("ids", "give alert ids or a filter");
    }
    Map<Long, Alert> found = new LinkedHashMap<>();
    for (AlertRepository.Row row : repository.findAll(targets)) {
      found.put(row.id(), toAlert(row));
    }
    List<Long> updated = new ArrayList<>();
    Map<Long, String> skipped = new LinkedHashMap<>();
    for (Long id : targets) {
      Alert alert = found.get(id);
      if (alert == null) {
        skipped.put(id, "no such alert");
      } else if (!alert.status().next().contains(valid.status())) {
        skipped.put(id, transitionMessage(alert.status()));
      } else if (apply(alert, valid, actor)) {
        updated.add(id);
      } else {
        skipped.put(id, "changed by someone else meanwhile");
      }
    }
    AuditContext.detail("to", Enums.value(valid.status()));
    AuditContext.detail("updated", updated);
    AuditContext.detail("skipped", skipped.keySet());
    publishAfterCommit(repository.findAll(updated).stream().map(AlertService::toAlert).toList());
    return new BulkResult(updated, skipped);
  }

  /**
   * Alert counts by severity, then status (every severity and status present, zeros included), for
   * alerts created at or after {@code from} (all when null).
   */
  @Transactional(readOnly = true)
  public Map<Severity, Map<AlertStatus, Long>> summary(Instant from) {
    Map<String, Map<String, Long>> counts = repository.countsBySeverityAndStatus(from);
    Map<Severity, Map<AlertStatus, Long>> summary = new LinkedHashMap<>();
    for (Severity severity : Severity.values()) {
      Map<AlertStatus, Long> byStatus = new LinkedHashMap<>();
      for (AlertStatus status : AlertStatus.values()) {
        byStatus.put(
            status,
            counts.getOrDefault(severity.value(), Map.of()).getOrDefault(Enums.value(status), 0L));
      }
      summary.put(severity, byStatus);
    }
    return summary;
  }

  /** Deletes alerts created before the cutoff (alert retention); returns how many. */
  @Transactional
  public int deleteCreatedBefore(Instant cutoff) {
    return repository.deleteCreatedBefore(cutoff);
  }

  private boolean apply(Alert current, Handling handling, String actor) {
    if (!current.status().next().contains(handling.status())) {
      throw new ApiException(AlertProblem.INVALID_TRANSITION, transitionMessage(current.status()));
    }
    String assignee =
        handling.assignee() != null
            ? (handling.assignee().isBlank() ? null : handling.assignee().trim())
            : current.assignee();
    String remark = handling.remark() != null ? handling.remark().trim() : current.remark();
    Instant now = clock.instant();
    boolean changed =
        repository.changeStatus(
            current.id(),
            Enums.value(current.status()),
            Enums.value(handling.status()),
            assignee,
            remark,
            now);
    if (changed) {
      repository.addHistory(
          current.id(),
          new AlertRepository.HistoryRow(
              now,
              actor,
              Enums.value(current.status()),
              Enums.value(handling.status()),
              assignee,
              handling.remark()));
    }
    return changed;
  }

  private static Handling validate(Handling h) {
    if (h == null || h.status() == null) {
      throw ApiException.badField(
          "status", "is required, one of " + Enums.allowed(AlertStatus.class));
    }
    if (h.remark() != null && h.remark().length() > MAX_REMARK) {
      throw ApiException.badField("remark", "at most " + MAX_REMARK + " characters");
    }
    if (h.assignee() != null && h.assignee().length() > 64) {
      throw ApiException.badField("assignee", "at most 64 characters");
    }
    return h;
  }

  private static String transitionMessage(AlertStatus from) {
    return "an alert that is "
        + Enums.value(from)
        + " can only become "
        + from.next().stream().map(Enums::value).sorted().toList();
  }

  private void publish(AlertChanged.Kind kind, List<Long> ids) {
    if (!ids.isEmpty()) {
      publisher.publishEvent(
          new AlertChanged(
              kind, repository.findAll(ids).stream().map(AlertService::toAlert).toList()));
    }
  }

  private void publishAfterCommit(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return;
    }
    AlertChanged event = new AlertChanged(AlertChanged.Kind.HANDLED, alerts);
    if (org.springframework.transaction.support.TransactionSynchronizationManager
        .isSynchronizationActive()) {
      org.springframework.transaction.support.TransactionSynchronizationManager
          .registerSynchronization(
              new org.springframework.transaction.support.TransactionSynchronization() {
                @Override
                public void afterCommit() {
                  publisher.publishEvent(event);
                }
              });
    } else {
      publisher.publishEvent(event);
    }
  }

  private AlertRepository.NewAlert newAlert(List<Detection> group) {
    Detection last = group.get(group.size() - 1);
    return new AlertRepository.NewAlert(
        last.assetId(),
        last.alertType(),
        last.severity().value(),
        truncate(last.title(), 512),
        Enums.value(last.source()),
        last.ruleId(),
        truncate(last.ruleName(), 512),
        truncate(last.ruleAuthor(), 512),
        last.tactics(),
        last.techniques(),
        last.srcIp(),
        last.dstIp(),
        truncate(last.hostName(), 255),
        last.groupKey(),
        evidence(json.createObjectNode(), group),
        count(group),
        earliest(group),
        latest(group));
  }

  /** The evidence with the group's events added, keeping the newest ones, and its context. */
  private String evidence(JsonNode existing, List<Detection> group) {
    ObjectNode evidence = existing instanceof ObjectNode o ? o : json.createObjectNode();
    ArrayNode events =
        evidence.get("events") instanceof ArrayNode a ? a : evidence.putArray("events");
    long omitted = evidence.path("events_omitted").asLong(0);
    List<Event> matched = new ArrayList<>();
    for (Detection d : group) {
      matched.addAll(d.events());
      if (!d.context().isEmpty()) {
        evidence.set("context", json.valueToTree(d.context()));
      }
    }
    // only the newest can stay: summarise those, count the rest
    int keep = Math.min(matched.size(), properties.evidenceEvents());
    omitted += matched.size() - keep;
    for (Event event : matched.subList(matched.size() - keep, matched.size())) {
      events.add(eventSummary(event));
    }
    while (events.size() > properties.evidenceEvents()) {
      events.remove(0);
      omitted++;
    }
    evidence.put("events_omitted", omitted);
    return json.writeValueAsString(evidence);
  }

  private ObjectNode eventSummary(Event event) {
    ObjectNode node = json.createObjectNode();
    for (EventField field : EVIDENCE_FIELDS) {
      Object value = event.get(field);
      if (value instanceof Instant t) {
        node.put(field.fieldName(), Timestamps.format(t));
      } else if (value instanceof Long n) {
        node.put(field.fieldName(), n);
      } else if (value != null) {
        node.put(field.fieldName(), truncate(value.toString(), MAX_EVIDENCE_VALUE));
      }
    }
    return node;
  }

  private static long count(List<Detection> group) {
    long n = 0;
    for (Detection d : group) {
      n += Math.max(1, d.events().size());
    }
    return n;
  }

  private static Instant earliest(List<Detection> group) {
    Instant t = group.get(0).time();
    for (Detection d : group) {
      if (d.time().isBefore(t)) {
        t = d.time();
      }
    }
    return t;
  }

  private static Instant latest(List<Detection> group) {
    Instant t = group.get(0).time();
    for (Detection d : group) {
      if (d.time().isAfter(t)) {
        t = d.time();
      }
    }
    return t;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static AlertRepository.Filter filter(AlertQuery q) {
    return new AlertRepository.Filter(
        q.severities().stream().map(Severity::value).sorted().toList(),
        q.statuses().stream().map(Enums::value).sorted().toList(),
        q.assetId(),
        q.alertType(),
        q.ruleId(),
        q.srcIp(),
        q.assignee(),
        q.text() == null || q.text().isBlank() ? null : q.text().trim(),
        q.from(),
        q.to());
  }

  private static String orderBy(AlertQuery q) {
    String direction = q.ascending() ? "ASC" : "DESC";
    String column =
        switch (q.sort()) {
          case CREATE_TIME -> "create_time";
          case LAST_SEEN -> "last_seen";
          case COUNT -> "event_count";
          case SEVERITY ->
              "CASE severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2"
                  + " WHEN 'low' THEN 1 ELSE 0 END";
        };
    return column + " " + direction + ", id " + direction;
  }

  private static AlertStatus status(String value) {
    return Enums.parse(AlertStatus.class, "status", value);
  }

  private static ApiException notFound(long id) {
    return new ApiException(AlertProblem.NOT_FOUND, "no alert with id " + id);
  }

  private static Alert toAlert(AlertRepository.Row r) {
    return new Alert(
        r.id(),
        r.assetId(),
        r.alertType(),
        Severity.parse("severity", r.severity()),
        r.title(),
        Enums.parse(DetectionSource.class, "detection_source", r.detectionSource()),
        r.ruleId(),
        r.ruleName(),
        r.ruleAuthor(),
        r.tactics(),
        r.techniques(),
        r.srcIp(),
        r.dstIp(),
        r.hostName(),
        status(r.status()),
        r.assignee(),
        r.remark(),
        r.count(),
        r.firstSeen(),
        r.lastSeen(),
        r.createTime(),
        r.updatedAt());
  }
}

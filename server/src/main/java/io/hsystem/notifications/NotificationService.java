package io.hsystem.notifications;

import io.hsystem.alerts.AlertChanged;
import io.hsystem.audit.AuditContext;
import io.hsystem.notifications.internal.ChannelCatalog;
import io.hsystem.notifications.internal.ChannelRepository;
import io.hsystem.notifications.internal.ChannelSettings;
import io.hsystem.notifications.internal.DeliveryException;
import io.hsystem.notifications.internal.Notice;
import io.hsystem.notifications.internal.NotificationDispatcher;
import io.hsystem.notifications.internal.SecretBox;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Severity;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notification channels' façade: list, read, create, replace and delete channels, send a test
 * message, and read the delivery pipeline's figures. Delivery itself follows the alert center's
 * {@link AlertChanged} events (see {@link NotificationDispatcher}).
 */
@Service
public class NotificationService {

  static final int MAX_NAME = 100;
  static final int MAX_FILTER_VALUES = 100;
  static final int MAX_FILTER_VALUE = 128;
  static final Severity DEFAULT_MIN_SEVERITY = Severity.MEDIUM;
  static final int DEFAULT_PER_MINUTE = 20;
  static final int DEFAULT_BURST = 10;

  private final ChannelRepository repository;
  private final ChannelCatalog catalog;
  private final SecretBox secrets;
  private final NotificationDispatcher dispatcher;
  private final JsonMapper json;
  private final Clock clock;

  NotificationService(
      ChannelRepository repository,
      ChannelCatalog catalog,
      SecretBox secrets,
      NotificationDispatcher dispatcher,
      JsonMapper json,
      Clock clock) {
    this.repository = repository;
    this.catalog = catalog;
    this.secrets = secrets;
    this.dispatcher = dispatcher;
    this.json = json;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<NotificationChannel> list() {
    Map<Long, ChannelRepository.StatsRow> stats =
        repository.stats().stream()
            .collect(Collectors.toMap(ChannelRepository.StatsRow::channelId, Function.identity()));
    return repository.all().stream().map(r -> toChannel(r, stats.get(r.id()))).toList();
  }

  @Transactional(readOnly = true)
  public NotificationChannel get(long id) {
    ChannelRepository.Row row = repository.find(id).orElseThrow(() -> notFound(id));
    return toChannel(row, repository.stats(id).orElse(null));
  }

  @Transactional
  public NotificationChannel create(ChannelDraft draft, String actor) {
    if (draft.type() == null) {
      throw ApiException.badField(
          "type", "is required, one of " + Enums.allowed(ChannelType.class));
    }
    ChannelRepository.Values values =
        values(draft, ChannelSettings.parse(draft.type(), draft.settings(), null), 0);
    long id;
    try {
      id = repository.insert(values, actor, clock.instant());
    } catch (DuplicateKeyException e) {
      throw duplicate(values.name());
    }
    AuditContext.target(id);
    AuditContext.detail("name", values.name());
    AuditContext.detail("type", values.type());
    AuditContext.detail("target", values.target());
    return get(id);
  }

  /**
   * Replaces a channel. Secrets left out or given as {@code "***"} keep their stored value while
   * the destination stays the same.
   */
  @Transactional
  public NotificationChannel update(long id, ChannelDraft draft, String actor) {
    ChannelRepository.Row current = repository.find(id).orElseThrow(() -> notFound(id));
    if (draft.type() == null) {
      throw ApiException.badField(
          "type", "is required, one of " + Enums.allowed(ChannelType.class));
    }
    ChannelSettings.Previous previous;
    try {
      previous = new ChannelSettings.Previous(current.target(), secrets.open(current.secrets()));
    } catch (SecretBox.UnreadableException e) {
      previous = ChannelSettings.Previous.unreadable(current.target());
    }
    ChannelRepository.Values values =
        values(draft, ChannelSettings.parse(draft.type(), draft.settings(), previous), id);
    try {
      repository.update(id, values, actor, clock.instant());
    } catch (DuplicateKeyException e) {
      throw duplicate(values.name());
    }
    AuditContext.detail("name", values.name());
    AuditContext.detail("type", values.type());
    AuditContext.detail("target", values.target());
    AuditContext.detail("enabled", values.enabled());
    return get(id);
  }

  @Transactional
  public void delete(long id) {
    ChannelRepository.Row current = repository.find(id).orElseThrow(() -> notFound(id));
    repository.delete(id);
    AuditContext.detail("name", current.name());
  }

  /**
   * Sends a test message through the channel now, enabled or not, without retries or rate limit,
   * and returns how long it took.
   *
   * @throws ApiException {@code notification.test_failed} with the precise reason
   */
  public Duration test(long id, String actor) {
    ChannelRepository.Row row = repository.find(id).orElseThrow(() -> notFound(id));
    AuditContext.detail("target", row.target());
    long start = System.nanoTime();
    try {
      dispatcher.sendNow(
          catalog.config(row), new Notice.TestNotice(row.name(), actor, clock.instant()));
    } catch (DeliveryException e) {
      throw new ApiException(NotificationProblem.TEST_FAILED, e.getMessage());
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** The delivery pipeline of this server instance. */
  public QueueStats queue() {
    return dispatcher.stats();
  }

  private ChannelRepository.Values values(
      ChannelDraft draft, ChannelSettings.Stored settings, long id) {
    String name = draft.name() == null ? "" : draft.name().trim();
    if (name.isEmpty()
        || name.length() > MAX_NAME
        || name.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badField(
          "name", "is required, at most " + MAX_NAME + " characters, no control characters");
    }
    if (repository.nameTaken(name, id)) {
      throw duplicate(name);
    }
    List<AlertChanged.Kind> kinds =
        draft.kinds() == null ? List.of(AlertChanged.Kind.CREATED) : draft.kinds();
    if (kinds.isEmpty() || kinds.stream().anyMatch(Objects::isNull)) {
      throw ApiException.badField(
          "filter.kinds", "give at least one of " + Enums.allowed(AlertChanged.Kind.class));
    }
    int perMinute = draft.perMinute() == null ? DEFAULT_PER_MINUTE : draft.perMinute();
    if (perMinute < 1 || perMinute > 6000) {
      throw ApiException.badField("rate_limit.per_minute", "must be 1 to 6000");
    }
    int burst = draft.burst() == null ? DEFAULT_BURST : draft.burst();
    if (burst < 1 || burst > 1000) {
      throw ApiException.badField("rate_limit.burst", "must be 1 to 1000");
    }
    Severity minSeverity = draft.minSeverity() == null ? DEFAULT_MIN_SEVERITY : draft.minSeverity();
    return new ChannelRepository.Values(
        name,
        Enums.value(draft.type()),
        draft.enabled() == null || draft.enabled(),
        minSeverity.value(),
        kinds.stream().distinct().sorted().map(Enums::value).toList(),
        filterValues("filter.rule_ids", draft.ruleIds()),
        filterValues("filter.alert_types", draft.alertTypes()),
        perMinute,
        burst,
        json.writeValueAsString(settings.plain()),
        settings.target(),
        secrets.seal(settings.secrets()),
        settings.secretNames());
  }

  private static List<String> filterValues(String field, List<String> given) {
    if (given == null) {
      return List.of();
    }
    if (given.size() > MAX_FILTER_VALUES) {
      throw ApiException.badField(field, "at most " + MAX_FILTER_VALUES + " values");
    }
    LinkedHashSet<String> values = new LinkedHashSet<>();
    for (String value : given) {
      if (value == null || value.isBlank() || value.length() > MAX_FILTER_VALUE) {
        throw ApiException.badField(
            field, "values must be 1 to " + MAX_FILTER_VALUE + " characters");
      }
      values.add(value.trim());
    }
    return new ArrayList<>(values);
  }

  private NotificationChannel toChannel(
      ChannelRepository.Row row, ChannelRepository.StatsRow stats) {
    Map<String, Object> plain =
        json.readValue(row.settings(), new TypeReference<Map<String, Object>>() {});
    return new NotificationChannel(
        row.id(),
        row.name(),
        row.channelType(),
        row.enabled(),
        row.filter(),
        row.rateLimit(),
        ChannelSettings.masked(plain, row.secretNames()),
        row.target(),
        !row.secretNames().isEmpty(),
        stats == null
            ? new DeliveryStats(0, 0, 0, null, null, null)
            : new DeliveryStats(
                stats.sent(),
                stats.failed(),
                stats.rateLimited(),
                stats.lastError(),
                stats.lastErrorAt(),
                stats.lastSuccessAt()),
        row.createdBy(),
        row.createdAt(),
        row.updatedBy(),
        row.updatedAt());
  }

  private static ApiException duplicate(String name) {
    return new ApiException(
        NotificationProblem.DUPLICATE_NAME, "a channel named '" + name + "' exists");
  }

  private static ApiException notFound(long id) {
    return new ApiException(NotificationProblem.NOT_FOUND, "no notification channel with id " + id);
  }
}

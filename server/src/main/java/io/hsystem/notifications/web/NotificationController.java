package io.hsystem.notifications.web;

import io.hsystem.alerts.AlertChanged;
import io.hsystem.audit.Audited;
import io.hsystem.notifications.ChannelDraft;
import io.hsystem.notifications.ChannelFilter;
import io.hsystem.notifications.ChannelType;
import io.hsystem.notifications.DeliveryStats;
import io.hsystem.notifications.NotificationChannel;
import io.hsystem.notifications.NotificationService;
import io.hsystem.notifications.QueueStats;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.Severity;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notification channels: listed, read, created, replaced, deleted, tested, and their delivery
 * figures. Secrets are shown as {@code "***"}, never their values.
 */
@RestController
@RequestMapping("/api/v1/notifications/channels")
class NotificationController {

  private final NotificationService notifications;

  NotificationController(NotificationService notifications) {
    this.notifications = notifications;
  }

  record FilterRequest(
      String minSeverity, List<String> kinds, List<String> ruleIds, List<String> alertTypes) {}

  record RateLimitRequest(Integer perMinute, Integer burst) {}

  record ChannelRequest(
      String name,
      String type,
      Boolean enabled,
      FilterRequest filter,
      RateLimitRequest rateLimit,
      Map<String, Object> settings) {

    ChannelDraft toDraft() {
      FilterRequest f = filter == null ? new FilterRequest(null, null, null, null) : filter;
      RateLimitRequest r = rateLimit == null ? new RateLimitRequest(null, null) : rateLimit;
      return new ChannelDraft(
          name,
          Enums.parse(ChannelType.class, "type", type),
          enabled,
          Severity.parse("filter.min_severity", f.minSeverity()),
          f.kinds() == null
              ? null
              : f.kinds().stream()
                  .map(k -> Enums.parse(AlertChanged.Kind.class, "filter.kinds", k))
                  .toList(),
          f.ruleIds(),
          f.alertTypes(),
          r.perMinute(),
          r.burst(),
          settings);
    }
  }

  record FilterResponse(
      String minSeverity, List<String> kinds, List<String> ruleIds, List<String> alertTypes) {

    static FilterResponse of(ChannelFilter f) {
      return new FilterResponse(
          f.minSeverity().value(),
          f.kinds().stream().sorted().map(Enums::value).toList(),
          f.ruleIds(),
          f.alertTypes());
    }
  }

  record RateLimitResponse(int perMinute, int burst) {}

  record StatsResponse(
      long sent,
      long failed,
      long rateLimited,
      String lastError,
      String lastErrorAt,
      String lastSuccessAt) {

    static StatsResponse of(DeliveryStats s) {
      return new StatsResponse(
          s.sent(),
          s.failed(),
          s.rateLimited(),
          s.lastError(),
          Timestamps.format(s.lastErrorAt()),
          Timestamps.format(s.lastSuccessAt()));
    }
  }

  record ChannelResponse(
      long id,
      String name,
      String type,
      boolean enabled,
      FilterResponse filter,
      RateLimitResponse rateLimit,
      Map<String, Object> settings,
      String target,
      boolean hasSecret,
      StatsResponse stats,
      String createdBy,
      String createdAt,
      String updatedBy,
      String updatedAt) {

    static ChannelResponse of(NotificationChannel c) {
      return new ChannelResponse(
          c.id(),
          c.name(),
          Enums.value(c.type()),
          c.enabled(),
          FilterResponse.of(c.filter()),
          new RateLimitResponse(c.rateLimit().perMinute(), c.rateLimit().burst()),
          c.settings(),
          c.target(),
          c.hasSecret(),
          StatsResponse.of(c.stats()),
          c.createdBy(),
          Timestamps.format(c.createdAt()),
          c.updatedBy(),
          Timestamps.format(c.updatedAt()));
    }
  }

  record TestResponse(boolean success, long durationMs) {}

  record ChannelStatsResponse(
      long channelId,
      String name,
      String type,
      boolean enabled,
      long sent,
      long failed,
      long rateLimited,
      String lastError,
      String lastErrorAt,
      String lastSuccessAt) {

    static ChannelStatsResponse of(NotificationChannel c) {
      StatsResponse s = StatsResponse.of(c.stats());
      return new ChannelStatsResponse(
          c.id(),
          c.name(),
          Enums.value(c.type()),
          c.enabled(),
          s.sent(),
          s.failed(),
          s.rateLimited(),
          s.lastError(),
          s.lastErrorAt(),
          s.lastSuccessAt());
    }
  }

  /** This server instance's pipeline, and every channel's counters. */
  record StatsOverview(QueueStats queue, List<ChannelStatsResponse> items) {}

  @GetMapping
  @RequirePermission(Permissions.NOTIFICATIONS_READ)
  Page<ChannelResponse> list() {
    List<ChannelResponse> items = notifications.list().stream().map(ChannelResponse::of).toList();
    return new Page<>(items.size(), items);
  }

  @GetMapping("/stats")
  @RequirePermission(Permissions.NOTIFICATIONS_READ)
  StatsOverview stats() {
    return new StatsOverview(
        notifications.queue(),
        notifications.list().stream().map(ChannelStatsResponse::of).toList());
  }

  @GetMapping("/{id}")
  @RequirePermission(Permissions.NOTIFICATIONS_READ)
  ChannelResponse get(@PathVariable long id) {
    return ChannelResponse.of(notifications.get(id));
  }

  @PostMapping
  @RequirePermission(Permissions.NOTIFICATIONS_WRITE)
  @Audited(action = "notification.channel_create", targetType = "notification_channel")
  @ResponseStatus(HttpStatus.CREATED)
  ChannelResponse create(@RequestBody ChannelRequest body) {
    return ChannelResponse.of(
        notifications.create(body.toDraft(), CurrentUser.require().username()));
  }

  @PutMapping("/{id}")
  @RequirePermission(Permissions.NOTIFICATIONS_WRITE)
  @Audited(action = "notification.channel_update", targetType = "notification_channel")
  ChannelResponse update(@PathVariable long id, @RequestBody ChannelRequest body) {
    return ChannelResponse.of(
        notifications.update(id, body.toDraft(), CurrentUser.require().username()));
  }

  @DeleteMapping("/{id}")
  @RequirePermission(Permissions.NOTIFICATIONS_WRITE)
  @Audited(action = "notification.channel_delete", targetType = "notification_channel")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable long id) {
    notifications.delete(id);
  }

  @PostMapping("/{id}/test")
  @RequirePermission(Permissions.NOTIFICATIONS_WRITE)
  @Audited(action = "notification.channel_test", targetType = "notification_channel")
  TestResponse test(@PathVariable long id) {
    return new TestResponse(
        true, notifications.test(id, CurrentUser.require().username()).toMillis());
  }
}

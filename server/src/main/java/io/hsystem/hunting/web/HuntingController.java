package io.hsystem.hunting.web;

import io.hsystem.audit.NotAudited;
import io.hsystem.eventstore.SearchResult;
import io.hsystem.eventstore.TimeRange;
import io.hsystem.hunting.EventJson;
import io.hsystem.hunting.Hunt;
import io.hsystem.hunting.HuntingService;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/hunting")
class HuntingController {

  private static final Pattern INTERVAL = Pattern.compile("(\\d{1,6})([smhd])");

  private final HuntingService hunting;

  HuntingController(HuntingService hunting) {
    this.hunting = hunting;
  }

  record QueryRequest(
      @Size(max = 4096) String query,
      String from,
      String to,
      Integer page,
      Integer size,
      String sort) {}

  record AggregateRequest(
      @Size(max = 4096) String query,
      String from,
      String to,
      String type,
      String field,
      Integer limit,
      String interval) {}

  @PostMapping("/query")
  @RequirePermission(Permissions.HUNTING_READ)
  @NotAudited("a read-only search; it changes nothing")
  Page<Map<String, Object>> query(@Valid @RequestBody QueryRequest body) {
    PageQuery page = PageQuery.of(body.page(), body.size());
    boolean oldestFirst = sort(body.sort());
    SearchResult result =
        hunting.search(
            new Hunt(
                body.query(),
                range(body.from(), body.to()),
                page.page(),
                page.size(),
                oldestFirst));
    return new Page<>(result.total(), result.events().stream().map(EventJson::of).toList());
  }

  @PostMapping("/aggregate")
  @RequirePermission(Permissions.HUNTING_READ)
  @NotAudited("a read-only count; it changes nothing")
  Map<String, Object> aggregate(@Valid @RequestBody AggregateRequest body) {
    TimeRange range = range(body.from(), body.to());
    String type = body.type() == null ? "top_values" : body.type();
    List<Map<String, Object>> buckets =
        switch (type) {
          case "top_values" ->
              hunting
                  .topValues(
                      body.query(), range, body.field(), body.limit() == null ? 10 : body.limit())
                  .stream()
                  .map(v -> Map.<String, Object>of("value", v.value(), "count", v.count()))
                  .toList();
          case "histogram" ->
              hunting.histogram(body.query(), range, interval(body.interval())).stream()
                  .map(
                      t ->
                          Map.<String, Object>of(
                              "start", Timestamps.format(t.start()), "count", t.count()))
                  .toList();
          default -> throw ApiException.badField("type", "must be one of [top_values, histogram]");
        };
    return Map.of("type", type, "buckets", buckets);
  }

  private static TimeRange range(String from, String to) {
    var start = Timestamps.parse("from", from);
    var end = Timestamps.parse("to", to);
    if (start != null && end != null && !start.isBefore(end)) {
      throw ApiException.badField("to", "must be after from");
    }
    return new TimeRange(start, end);
  }

  private static boolean sort(String sort) {
    if (sort == null || sort.equals("desc")) {
      return false;
    }
    if (sort.equals("asc")) {
      return true;
    }
    throw ApiException.badField("sort", "must be one of [desc, asc]");
  }

  private static Duration interval(String value) {
    Matcher m = value == null ? null : INTERVAL.matcher(value.trim());
    if (m == null || !m.matches()) {
      throw ApiException.badField("interval", "must look like 30s, 5m, 1h or 1d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}

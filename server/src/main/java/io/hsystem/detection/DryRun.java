package io.hsystem.detection;

import io.hsystem.detection.internal.CorrelationEngine;
import io.hsystem.detection.sigma.SigmaLibrary;
import io.hsystem.detection.sigma.SigmaRule;
import io.hsystem.detection.sigma.SigmaRuleSet;
import io.hsystem.eventstore.SearchResult;
import io.hsystem.eventstore.TimeRange;
import io.hsystem.hunting.Hunt;
import io.hsystem.hunting.HuntingService;
import io.hsystem.ingest.IngestService;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Tries rules without enabling them: the rules of a YAML text run against sample records (parsed
 * and cleaned as ingest would) or against the events a hunting query finds. Correlations in the
 * same text run over the events in time order. Nothing is stored and no alert is raised.
 */
@Service
public class DryRun {

  static final int MAX_SAMPLES = 1000;
  static final int MAX_EVENTS = 10_000;
  static final int MAX_LISTED = 100;
  private static final int PAGE = 200;

  private final IngestService ingest;
  private final HuntingService hunting;

  DryRun(IngestService ingest, HuntingService hunting) {
    this.ingest = ingest;
    this.hunting = hunting;
  }

  /**
   * @param events sample records in the format of {@code sourceType} (canonical H-System JSON when
   *     null)
   * @param query a hunting query whose results are tested instead of samples
   */
  public record Request(
      String yaml,
      List<JsonNode> events,
      String sourceType,
      String query,
      String from,
      String to,
      Integer limit) {}

  /** One rule matching one event. */
  public record Match(String ruleId, String title, Event event) {}

  /** Rules loaded, events tested, matches (the first {@value #MAX_LISTED} listed). */
  public record Result(List<String> rules, int tested, int matched, List<Match> matches) {}

  public Result run(Request request) {
    SigmaLibrary library = RuleService.parse("dry-run.yml", request.yaml());
    if (!library.unsupported().isEmpty()) {
      var u = library.unsupported().get(0);
      throw new ApiException(
          DetectionProblem.RULE_INVALID,
          (u.title() == null ? "" : "'" + u.title() + "': ") + u.reason(),
          List.of(),
          Map.of("refused", library.unsupported()));
    }
    List<Event> events = events(request);
    SigmaRuleSet.Matcher matcher = SigmaRuleSet.compile(library.rules()).newMatcher();
    CorrelationEngine correlations = new CorrelationEngine(library.correlations());
    List<Match> matches = new ArrayList<>();
    int matched = 0;
    for (Event event : events) {
      for (SigmaRule rule : matcher.matches(event)) {
        matched++;
        if (matches.size() < MAX_LISTED) {
          matches.add(new Match(rule.id(), rule.title(), event));
        }
        for (CorrelationEngine.Fired fired : correlations.observe(rule.id(), rule.name(), event)) {
          matched++;
          if (matches.size() < MAX_LISTED) {
            matches.add(new Match(fired.rule().id(), fired.rule().title(), event));
          }
        }
      }
    }
    List<String> loaded = new ArrayList<>();
    library.rules().forEach(r -> loaded.add(r.id() != null ? r.id() : r.title()));
    library.correlations().forEach(c -> loaded.add(c.id() != null ? c.id() : c.title()));
    return new Result(loaded, events.size(), matched, matches);
  }

  private List<Event> events(Request request) {
    boolean samples = request.events() != null && !request.events().isEmpty();
    boolean query = request.query() != null;
    if (samples == query) {
      throw ApiException.badField("events", "give either sample events or a hunting query");
    }
    List<Event> events = new ArrayList<>();
    if (samples) {
      if (request.events().size() > MAX_SAMPLES) {
        throw ApiException.badField("events", "at most " + MAX_SAMPLES + " samples");
      }
      SourceType source =
          request.sourceType() == null
              ? SourceType.HSYSTEM_AGENT
              : Enums.parse(SourceType.class, "source_type", request.sourceType());
      for (int i = 0; i < request.events().size(); i++) {
        events.add(ingest.parseSample(source, request.events().get(i), "events[" + i + "]"));
      }
    } else {
      int limit = request.limit() == null ? 1000 : request.limit();
      if (limit < 1 || limit > MAX_EVENTS) {
        throw ApiException.badField("limit", "must be between 1 and " + MAX_EVENTS);
      }
      HuntingService.parse(request.query());
      TimeRange range =
          new TimeRange(
              Timestamps.parse("from", request.from()), Timestamps.parse("to", request.to()));
      for (int page = 1; events.size() < limit; page++) {
        SearchResult result = hunting.search(new Hunt(request.query(), range, page, PAGE, false));
        for (Event e : result.events()) {
          if (events.size() < limit) {
            events.add(e);
          }
        }
        if (result.events().size() < PAGE) {
          break;
        }
      }
    }
    // correlations need time order
    events.sort(
        Comparator.comparing(
            e -> e.getTime(EventField.EVENT_TIME),
            Comparator.nullsFirst(Comparator.<Instant>naturalOrder())));
    return events;
  }
}

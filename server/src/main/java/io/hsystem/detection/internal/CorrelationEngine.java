package io.hsystem.detection.internal;

import io.hsystem.detection.sigma.CorrelationRule;
import io.hsystem.detection.sigma.SigmaField;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sigma 2 correlations evaluated as matches stream in: per correlation and group-by values, a
 * sliding window on event time. {@code event_count} counts matches, {@code value_count} distinct
 * values of a field, {@code temporal} needs the correlated rules all within the window, {@code
 * temporal_ordered} in their order. A correlation that fires starts its group afresh, so a burst
 * raises one finding (which the alert center then groups with later ones).
 *
 * <p>Memory is bounded: at most {@value #MAX_GROUPS} groups per correlation (the least recently
 * used goes), at most {@value #MAX_WINDOW} matches per group. Used by one thread.
 */
public final class CorrelationEngine {

  static final int MAX_GROUPS = 50_000;
  static final int MAX_WINDOW = 10_000;

  /** Matched events handed on with a finding (the newest). */
  static final int EVIDENCE = 20;

  private static final int MAX_CHAIN = 3;

  /** A correlation that fired: its rule, the group's values and the events that made it. */
  public record Fired(
      CorrelationRule rule, Map<String, String> group, Instant time, List<Event> events) {}

  private record Reference(Window window, int index) {}

  private final Map<String, List<Reference>> byRule = new HashMap<>();

  /**
   * @param correlations the correlations to run; their {@code rules} refer to rules (or other
   *     correlations) by id or name
   */
  public CorrelationEngine(Collection<CorrelationRule> correlations) {
    for (CorrelationRule rule : correlations) {
      Window window = new Window(rule);
      for (int i = 0; i < rule.rules().size(); i++) {
        byRule
            .computeIfAbsent(rule.rules().get(i), k -> new ArrayList<>())
            .add(new Reference(window, i));
      }
    }
  }

  /** True when some correlation refers to a rule with this id or name. */
  public boolean refersTo(String id, String name) {
    return (id != null && byRule.containsKey(id)) || (name != null && byRule.containsKey(name));
  }

  /**
   * Feeds one match of the rule with this id/name on this event.
   *
   * @return the correlations that fired, chained correlations included
   */
  public List<Fired> observe(String id, String name, Event event) {
    List<Fired> fired = new ArrayList<>();
    observe(id, name, event, fired, 0);
    return fired;
  }

  private void observe(String id, String name, Event event, List<Fired> fired, int depth) {
    Instant time = event.getTime(EventField.EVENT_TIME);
    if (time == null) {
      return;
    }
    List<Reference> references = new ArrayList<>();
    if (id != null) {
      references.addAll(byRule.getOrDefault(id, List.of()));
    }
    if (name != null && !name.equals(id)) {
      references.addAll(byRule.getOrDefault(name, List.of()));
    }
    for (Reference reference : references) {
      Fired f = reference.window().add(reference.index(), name != null ? name : id, event, time);
      if (f != null) {
        fired.add(f);
        if (depth < MAX_CHAIN) {
          // a correlation may itself be correlated; its last event stands for the finding
          observe(f.rule().id(), f.rule().name(), event, fired, depth + 1);
        }
      }
    }
  }

  private record Match(Instant time, int index, String value, Event event) {}

  /** The windows of one correlation, per group. */
  private static final class Window {
    private final CorrelationRule rule;
    private final long span;
    private final Map<List<String>, ArrayDeque<Match>> groups =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<List<String>, ArrayDeque<Match>> eldest) {
            return size() > MAX_GROUPS;
          }
        };

    Window(CorrelationRule rule) {
      this.rule = rule;
      this.span = rule.timespan().toMillis();
    }

    Fired add(int index, String ruleRef, Event event, Instant time) {
      List<String> key = new ArrayList<>(rule.groupBy().size());
      for (SigmaField field : rule.groupBy()) {
        key.add(groupValue(field, ruleRef, event));
      }
      String value = null;
      if (rule.type() == CorrelationRule.Type.VALUE_COUNT) {
        value = rule.valueField().valueIn(event);
        if (value == null) {
          return null; // an event without the counted field adds no value
        }
      }
      ArrayDeque<Match> window = groups.computeIfAbsent(key, k -> new ArrayDeque<>());
      long now = time.toEpochMilli();
      // matches arrive about in time order: drop from the old end
      while (!window.isEmpty() && now - window.peekFirst().time().toEpochMilli() > span) {
        window.removeFirst();
      }
      window.addLast(new Match(time, index, value, event));
      if (window.size() > MAX_WINDOW) {
        window.removeFirst();
      }
      if (!holds(window)) {
        return null;
      }
      List<Match> matched = new ArrayList<>(window);
      groups.remove(key);
      Map<String, String> group = new LinkedHashMap<>();
      for (int i = 0; i < key.size(); i++) {
        group.put(rule.groupBy().get(i).name(), key.get(i));
      }
      List<Event> events = new ArrayList<>();
      for (int i = Math.max(0, matched.size() - EVIDENCE); i < matched.size(); i++) {
        events.add(matched.get(i).event());
      }
      return new Fired(rule, group, time, events);
    }

    private String groupValue(SigmaField field, String ruleRef, Event event) {
      Map<String, SigmaField> alias = rule.aliases().get(field.name());
      SigmaField actual = field;
      if (alias != null && alias.get(ruleRef) != null) {
        actual = alias.get(ruleRef);
      }
      String value = actual.valueIn(event);
      return value == null ? "" : value;
    }

    private boolean holds(ArrayDeque<Match> window) {
      return switch (rule.type()) {
        case EVENT_COUNT -> rule.conditionHolds(window.size());
        case VALUE_COUNT -> {
          java.util.Set<String> values = new java.util.HashSet<>();
          for (Match m : window) {
            values.add(m.value().toLowerCase(java.util.Locale.ROOT));
          }
          yield rule.conditionHolds(values.size());
        }
        case TEMPORAL -> {
          java.util.BitSet seen = new java.util.BitSet();
          for (Match m : window) {
            seen.set(m.index());
          }
          yield rule.condition().isEmpty()
              ? seen.cardinality() == rule.rules().size()
              : rule.conditionHolds(seen.cardinality());
        }
        case TEMPORAL_ORDERED -> inOrder(window);
      };
    }

    /** The rules matched one after the other (each later than the one before) in the window. */
    private boolean inOrder(ArrayDeque<Match> window) {
      int next = 0;
      Instant last = null;
      for (Match m : window) {
        if (m.index() == next && (last == null || !m.time().isBefore(last))) {
          next++;
          last = m.time();
          if (next == rule.rules().size()) {
            return true;
          }
        }
      }
      return false;
    }
  }
}

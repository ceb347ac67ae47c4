package io.hsystem.detection.sigma;

import io.hsystem.detection.sigma.ValueTest.CidrTest;
import io.hsystem.detection.sigma.ValueTest.CompareTest;
import io.hsystem.detection.sigma.ValueTest.ExistsTest;
import io.hsystem.detection.sigma.ValueTest.FieldRefTest;
import io.hsystem.detection.sigma.ValueTest.NullTest;
import io.hsystem.detection.sigma.ValueTest.RegexTest;
import io.hsystem.detection.sigma.ValueTest.StringTest;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A deliberately naive interpreter of a rule's {@link Expr}: no buckets, no automata, no candidate
 * sets, no three-valued logic, the raw record parsed up front and every pattern matched with the
 * general wildcard matcher. {@link SigmaRuleSet} must agree with it on every event.
 */
final class ReferenceEvaluator {

  private static final List<EventField> KEYWORD_FIELDS =
      List.of(
          EventField.EVENT_CODE,
          EventField.HOST_NAME,
          EventField.HOST_IP,
          EventField.SENSOR_ID,
          EventField.SERVICE,
          EventField.SESSION_ID,
          EventField.PROCESS_NAME,
          EventField.PATH,
          EventField.COMMAND_LINE,
          EventField.PARENT_PROCESS_NAME,
          EventField.PARENT_PATH,
          EventField.PARENT_COMMAND_LINE,
          EventField.USER,
          EventField.HASH_SHA256,
          EventField.SRC_IP,
          EventField.DST_IP,
          EventField.PROTOCOL,
          EventField.USERNAME,
          EventField.PASSWORD,
          EventField.HTTP_METHOD,
          EventField.URL,
          EventField.USER_AGENT,
          EventField.DNS_QUERY,
          EventField.FILE_PATH,
          EventField.REGISTRY_KEY,
          EventField.MESSAGE);

  private final Event event;
  private final JacksonRecord raw;
  private final String searchable;

  ReferenceEvaluator(Event event) {
    this.event = event;
    this.raw = JacksonRecord.parse(event.getString(EventField.RAW));
    StringBuilder sb = new StringBuilder();
    String text = event.getString(EventField.RAW);
    JsonText.decodeInto(text == null ? "" : text, sb);
    this.searchable = sb.toString();
  }

  boolean matches(SigmaRule rule) {
    String sourceValue = event.getString(EventField.SOURCE_TYPE);
    SourceType source = null;
    for (SourceType s : SourceType.values()) {
      if (s.value().equals(sourceValue)) {
        source = s;
      }
    }
    LogsourceTarget target = rule.target();
    if (source == null || !target.admits(source, event.getString(EventField.EVENT_TYPE))) {
      return false;
    }
    return (target.residual() == null || eval(target.residual())) && eval(rule.detection());
  }

  private boolean eval(Expr expr) {
    if (expr instanceof Expr.And and) {
      return and.operands().stream().allMatch(this::eval);
    }
    if (expr instanceof Expr.Or or) {
      return or.operands().stream().anyMatch(this::eval);
    }
    if (expr instanceof Expr.Not not) {
      return !eval(not.operand());
    }
    if (expr instanceof Expr.AtLeast atLeast) {
      return atLeast.operands().stream().filter(this::eval).count() >= atLeast.min();
    }
    if (expr instanceof Expr.KeywordMatch keyword) {
      List<String> texts = new ArrayList<>();
      texts.add(searchable);
      for (EventField f : KEYWORD_FIELDS) {
        if (event.get(f) != null) {
          texts.add(event.getString(f));
        }
      }
      return texts.stream().anyMatch(t -> keyword(keyword.test(), t));
    }
    Expr.FieldMatch match = (Expr.FieldMatch) expr;
    return field(match.field(), match.test());
  }

  private static boolean keyword(ValueTest test, String text) {
    if (test instanceof StringTest s) {
      return s.pattern().matches(text, s.cased());
    }
    return ((RegexTest) test).pattern().matcher(text).find();
  }

  private boolean field(SigmaField field, ValueTest test) {
    List<Object> values = values(field);
    if (test instanceof NullTest) {
      return values.isEmpty();
    }
    if (test instanceof ExistsTest e) {
      boolean present = field.isRaw() ? raw.get(field.rawKey()) != null : !values.isEmpty();
      return present == e.exists();
    }
    if (test instanceof StringTest s) {
      if (!field.isRaw() && !s.negated() && s.pattern().length() == 0) {
        return values.isEmpty();
      }
      boolean any = values.stream().anyMatch(v -> s.pattern().matches(v.toString(), s.cased()));
      return s.negated() ? !values.isEmpty() && !any : any;
    }
    if (test instanceof RegexTest r) {
      return values.stream().anyMatch(v -> r.pattern().matcher(v.toString()).find());
    }
    if (test instanceof CidrTest c) {
      return values.stream().anyMatch(v -> c.network().contains(v.toString()));
    }
    if (test instanceof CompareTest c) {
      for (Object v : values) {
        try {
          BigDecimal d = new BigDecimal(v.toString().strip());
          if (c.comparison().holds(d.compareTo(c.operand()))) {
            return true;
          }
        } catch (NumberFormatException e) {
          // not a number: no match
        }
      }
      return false;
    }
    FieldRefTest ref = (FieldRefTest) test;
    List<Object> others = values(ref.other());
    if (values.isEmpty() || others.isEmpty()) {
      return false;
    }
    return Text.matches(values.get(0).toString(), ref.kind(), others.get(0).toString(), false)
        != ref.negated();
  }

  private List<Object> values(SigmaField field) {
    List<Object> out = new ArrayList<>();
    if (field.canonical() != null) {
      Object v = event.get(field.canonical());
      if (v != null) {
        out.add(v.toString());
      }
      return out;
    }
    JsonNode node = raw.get(field.rawKey());
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isArray()) {
      for (JsonNode item : node.values()) {
        if (!item.isContainer() && !item.isNull()) {
          out.add(item.asString());
        }
      }
    } else {
      out.add(node.asString());
    }
    return out;
  }
}

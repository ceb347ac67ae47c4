package io.hsystem.detection.sigma;

import io.hsystem.detection.sigma.ValueTest.Comparison;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a rule's {@code detection} section (search identifiers and condition) into an {@link
 * Expr}, applying every value modifier as the Sigma 2 modifiers appendix (and pySigma, its
 * reference implementation) defines it. Anything it cannot honour exactly is refused with the
 * reason.
 */
final class DetectionCompiler {

  /** {@code windash} expands every flag dash five ways; more dashes than this are refused. */
  static final int MAX_WINDASH_DASHES = 5;

  private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};

  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private DetectionCompiler() {}

  /** Compiles the {@code detection} map of a rule. */
  static Expr compile(Object detection) throws UnsupportedRuleException {
    if (!(detection instanceof Map<?, ?> map)) {
      throw new UnsupportedRuleException("detection: expected a map, got " + describe(detection));
    }
    Map<String, Expr> identifiers = new LinkedHashMap<>();
    Object condition = null;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String name)) {
        throw new UnsupportedRuleException("detection: key " + e.getKey() + " is not a name");
      }
      switch (name) {
        case "condition" -> condition = e.getValue();
        case "timeframe" -> {
          // Only aggregations used it, and aggregations are refused in the condition.
        }
        default -> identifiers.put(name, selection(name, e.getValue()));
      }
    }
    if (condition == null) {
      throw new UnsupportedRuleException("detection: condition is missing");
    }
    if (condition instanceof String s) {
      return ConditionParser.parse(s, identifiers);
    }
    if (condition instanceof List<?> list && !list.isEmpty()) {
      List<Expr> alternatives = new ArrayList<>();
      for (Object c : list) {
        if (!(c instanceof String s)) {
          throw new UnsupportedRuleException("detection: condition list holds " + describe(c));
        }
        alternatives.add(ConditionParser.parse(s, identifiers));
      }
      return Expr.or(alternatives);
    }
    throw new UnsupportedRuleException("detection: condition is " + describe(condition));
  }

  private static Expr selection(String name, Object value) throws UnsupportedRuleException {
    if (value instanceof Map<?, ?> map) {
      return fieldMap(name, map);
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        throw new UnsupportedRuleException("search identifier '" + name + "' is an empty list");
      }
      List<Expr> alternatives = new ArrayList<>();
      for (Object item : list) {
        if (item instanceof Map<?, ?> map) {
          alternatives.add(fieldMap(name, map));
        } else if (item instanceof List<?>) {
          throw new UnsupportedRuleException(
              "search identifier '" + name + "' holds a list inside a list");
        } else {
          alternatives.add(item(name, null, List.of(), item));
        }
      }
      return Expr.or(alternatives);
    }
    if (value == null) {
      throw new UnsupportedRuleException("search identifier '" + name + "' is empty");
    }
    return item(name, null, List.of(), value);
  }

  private static Expr fieldMap(String name, Map<?, ?> map) throws UnsupportedRuleException {
    if (map.isEmpty()) {
      throw new UnsupportedRuleException("search identifier '" + name + "' is an empty map");
    }
    List<Expr> all = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new UnsupportedRuleException(
            "search identifier '" + name + "': key " + e.getKey() + " is not a field name");
      }
      List<String> parts = Arrays.asList(key.split("\\|", -1));
      String field = parts.get(0).strip();
      all.add(
          item(name, field.isEmpty() ? null : field, parts.subList(1, parts.size()), e.getValue()));
    }
    return Expr.and(all);
  }

  /** One detection item: a field (null for keywords) with its modifiers and its value or values. */
  private static Expr item(String name, String field, List<String> modifiers, Object value)
      throws UnsupportedRuleException {
    String where = "search identifier '" + name + "'" + (field == null ? "" : ", field " + field);
    Modifiers mods = Modifiers.parse(modifiers, where);
    List<?> values = value instanceof List<?> list ? list : Collections.singletonList(value);
    if (values.isEmpty()) {
      throw new UnsupportedRuleException(where + ": empty value list");
    }
    SigmaField sigmaField = field == null ? null : SigmaField.of(field);
    List<Expr> perValue = new ArrayList<>();
    for (Object v : values) {
      List<ValueTest> tests = tests(mods, v, field != null, where);
      List<Expr> variants = new ArrayList<>(tests.size());
      for (ValueTest test : tests) {
        variants.add(
            sigmaField == null
                ? new Expr.KeywordMatch(test)
                : new Expr.FieldMatch(sigmaField, test));
      }
      perValue.add(Expr.or(variants));
    }
    return mods.all ? Expr.and(perValue) : Expr.or(perValue);
  }

  /** The modifiers of one item, checked for combinations that have a meaning. */
  private record Modifiers(
      List<String> chain, boolean all, boolean cased, boolean neq, String where) {

    static Modifiers parse(List<String> names, String where) throws UnsupportedRuleException {
      List<String> chain = new ArrayList<>();
      boolean all = false;
      boolean cased = false;
      boolean neq = false;
      for (String raw : names) {
        String m = raw.strip();
        switch (m) {
          case "all" -> all = true;
          case "cased" -> cased = true;
          case "neq" -> neq = true;
          case "contains",
              "startswith",
              "endswith",
              "windash",
              "base64",
              "base64offset",
              "utf16le",
              "wide",
              "utf16be",
              "utf16",
              "re",
              "i",
              "m",
              "s",
              "cidr",
              "exists",
              "gt",
              "gte",
              "lt",
              "lte",
              "fieldref" ->
              chain.add(m);
          case "expand" ->
              throw new UnsupportedRuleException(
                  where
                      + ": placeholders ('expand') need site-specific value lists this engine"
                      + " does not have");
          case "minute", "hour", "day", "week", "month", "year" ->
              throw new UnsupportedRuleException(
                  where + ": time-part modifier '" + m + "' is not supported");
          case "" -> throw new UnsupportedRuleException(where + ": empty modifier");
          default -> throw new UnsupportedRuleException(where + ": unknown modifier '" + m + "'");
        }
      }
      return new Modifiers(List.copyOf(chain), all, cased, neq, where);
    }
  }

  /** The tests one rule value expands to (several for windash and base64offset: any of them). */
  private static List<ValueTest> tests(Modifiers mods, Object value, boolean hasField, String where)
      throws UnsupportedRuleException {
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw new UnsupportedRuleException(where + ": a value may not be a " + describe(value));
    }
    if (value == null) {
      if (!mods.chain.isEmpty() || mods.neq || !hasField) {
        throw new UnsupportedRuleException(where + ": null takes no modifiers and needs a field");
      }
      return List.of(new ValueTest.NullTest());
    }
    List<String> chain = mods.chain;
    String first = chain.isEmpty() ? null : chain.get(0);
    if ("exists".equals(first) || "cidr".equals(first) || isComparison(first)) {
      if (!hasField) {
        throw new UnsupportedRuleException(where + ": '" + first + "' needs a field");
      }
      if (chain.size() > 1 || mods.neq || mods.cased) {
        throw new UnsupportedRuleException(
            where + ": '" + first + "' cannot be combined with other modifiers");
      }
      return List.of(typed(first, value, where));
    }
    if (mods.neq && !hasField) {
      throw new UnsupportedRuleException(where + ": 'neq' needs a field");
    }
    if (mods.neq && chain.isEmpty() && value instanceof Number number) {
      return List.of(new ValueTest.CompareTest(Comparison.NEQ, decimal(number)));
    }
    List<Object> states = new ArrayList<>();
    states.add(value instanceof String s ? SigmaString.parse(s) : SigmaString.literal(text(value)));
    String original = value instanceof String s ? s : text(value);
    for (int i = 0; i < chain.size(); i++) {
      String m = chain.get(i);
      List<Object> next = new ArrayList<>();
      for (Object state : states) {
        apply(m, i, state, original, mods, next);
      }
      states = next;
    }
    List<ValueTest> tests = new ArrayList<>(states.size());
    for (Object state : states) {
      tests.add(finish(state, mods, hasField));
    }
    return tests;
  }

  private static boolean isComparison(String m) {
    return "gt".equals(m) || "gte".equals(m) || "lt".equals(m) || "lte".equals(m);
  }

  private static ValueTest typed(String modifier, Object value, String where)
      throws UnsupportedRuleException {
    switch (modifier) {
      case "exists" -> {
        if (!(value instanceof Boolean b)) {
          throw new UnsupportedRuleException(where + ": 'exists' takes true or false");
        }
        return new ValueTest.ExistsTest(b);
      }
      case "cidr" -> {
        try {
          return new ValueTest.CidrTest(IpNetwork.parse(text(value)));
        } catch (IllegalArgumentException e) {
          throw new UnsupportedRuleException(where + ": " + e.getMessage());
        }
      }
      default -> {
        BigDecimal operand;
        if (value instanceof Number number) {
          operand = decimal(number);
        } else {
          try {
            operand = new BigDecimal(text(value).strip());
          } catch (NumberFormatException e) {
            throw new UnsupportedRuleException(
                where + ": '" + modifier + "' needs a number, got '" + value + "'");
          }
        }
        Comparison c = Comparison.valueOf(modifier.toUpperCase(Locale.ROOT));
        return new ValueTest.CompareTest(c, operand);
      }
    }
  }

  /** A regular expression under construction: its text and flags. */
  private record Regex(String text, int flags) {}

  /** Bytes awaiting base64 (after a UTF-16 encoding). */
  private record Encoded(byte[] bytes) {}

  /** A field reference under construction. */
  private record FieldRef(String field, boolean starts, boolean ends) {}

  private static void apply(
      String m, int index, Object state, String original, Modifiers mods, List<Object> out)
      throws UnsupportedRuleException {
    String where = mods.where;
    switch (m) {
      case "contains", "startswith", "endswith" -> {
        boolean lead = !m.equals("startswith");
        boolean trail = !m.equals("endswith");
        if (state instanceof SigmaString s) {
          s = lead ? s.withLeadingStar() : s;
          out.add(trail ? s.withTrailingStar() : s);
        } else if (state instanceof FieldRef f) {
          out.add(new FieldRef(f.field, f.starts || trail, f.ends || lead));
        } else if (state instanceof Regex) {
          // A regex is searched anywhere in the value already; pySigma's '.*' wrapping is a no-op.
          out.add(state);
        } else {
          throw new UnsupportedRuleException(
              where + ": '" + m + "' must come after base64/base64offset, not before");
        }
      }
      case "windash" -> out.addAll(windash(plainOrPattern(state, m, where), where));
      case "base64" -> out.add(SigmaString.literal(BASE64.encodeToString(bytes(state, m, where))));
      case "base64offset" -> {
        for (String variant : base64Offsets(bytes(state, m, where))) {
          if (variant.isEmpty()) {
            throw new UnsupportedRuleException(
                where + ": value too short for 'base64offset' (no offset-independent characters)");
          }
          out.add(SigmaString.literal(variant));
        }
      }
      case "utf16le", "wide" -> out.add(new Encoded(utf16(state, m, where, false, false)));
      case "utf16be" -> out.add(new Encoded(utf16(state, m, where, true, false)));
      case "utf16" -> out.add(new Encoded(utf16(state, m, where, false, true)));
      case "re" -> {
        if (index > 0) {
          throw new UnsupportedRuleException(where + ": 're' must be the first modifier");
        }
        out.add(new Regex(original, 0));
      }
      case "i", "m", "s" -> {
        if (!(state instanceof Regex r)) {
          throw new UnsupportedRuleException(where + ": '" + m + "' only follows 're'");
        }
        int flag =
            switch (m) {
              case "i" -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
              case "m" -> Pattern.MULTILINE;
              default -> Pattern.DOTALL;
            };
        out.add(new Regex(r.text, r.flags | flag));
      }
      case "fieldref" -> {
        if (!(state instanceof SigmaString s) || s.hasWildcards()) {
          throw new UnsupportedRuleException(
              where
                  + ": 'fieldref' takes a plain field name (no wildcards, before contains and"
                  + " the like)");
        }
        out.add(new FieldRef(s.plain(), false, false));
      }
      default ->
          // exists, cidr and the comparisons are only valid alone, checked before the chain runs
          throw new UnsupportedRuleException(
              where + ": '" + m + "' cannot be combined with other modifiers");
    }
  }

  private static ValueTest finish(Object state, Modifiers mods, boolean hasField)
      throws UnsupportedRuleException {
    String where = mods.where;
    if (state instanceof SigmaString s) {
      if (!hasField) {
        s = s.withLeadingStar().withTrailingStar();
      }
      return new ValueTest.StringTest(s, mods.cased, mods.neq);
    }
    if (state instanceof Regex r) {
      if (mods.neq || mods.cased) {
        throw new UnsupportedRuleException(where + ": 're' cannot be combined with neq or cased");
      }
      try {
        return new ValueTest.RegexTest(Pattern.compile(r.text, r.flags));
      } catch (PatternSyntaxException e) {
        throw new UnsupportedRuleException(
            where + ": regular expression does not compile: " + e.getDescription());
      }
    }
    if (state instanceof FieldRef f) {
      if (!hasField) {
        throw new UnsupportedRuleException(where + ": 'fieldref' needs a field");
      }
      LiteralKind kind =
          f.starts && f.ends
              ? LiteralKind.CONTAINS
              : f.starts
                  ? LiteralKind.STARTS_WITH
                  : f.ends ? LiteralKind.ENDS_WITH : LiteralKind.EQUALS;
      return new ValueTest.FieldRefTest(SigmaField.of(f.field), kind, mods.neq);
    }
    throw new UnsupportedRuleException(
        where + ": utf16le/utf16be/utf16/wide must be followed by base64 or base64offset");
  }

  private static SigmaString plainOrPattern(Object state, String m, String where)
      throws UnsupportedRuleException {
    if (state instanceof SigmaString s) {
      return s;
    }
    throw new UnsupportedRuleException(where + ": '" + m + "' applies to strings only here");
  }

  /**
   * pySigma's windash: a {@code -} or {@code /} with no word character before it and one after it
   * (regex {@code \B[-/]\b}, within each literal run) becomes each of {@code - / – — ―}; every
   * combination is kept.
   */
  static List<SigmaString> windash(SigmaString s, String where) throws UnsupportedRuleException {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (s.isWildcard(i) || (c != '-' && c != '/')) {
        continue;
      }
      boolean wordBefore = i > 0 && !s.isWildcard(i - 1) && isWordChar(s.charAt(i - 1));
      boolean wordAfter = i + 1 < s.length() && !s.isWildcard(i + 1) && isWordChar(s.charAt(i + 1));
      if (!wordBefore && wordAfter) {
        positions.add(i);
      }
    }
    if (positions.size() > MAX_WINDASH_DASHES) {
      throw new UnsupportedRuleException(
          where
              + ": 'windash' on a value with "
              + positions.size()
              + " flag dashes would expand to more than 5^"
              + MAX_WINDASH_DASHES
              + " variants");
    }
    List<SigmaString> variants = new ArrayList<>();
    variants.add(s);
    for (int position : positions) {
      List<SigmaString> expanded = new ArrayList<>(variants.size() * DASHES.length);
      for (SigmaString v : variants) {
        for (char dash : DASHES) {
          expanded.add(v.withCharAt(position, dash));
        }
      }
      variants = expanded;
    }
    return variants;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static byte[] bytes(Object state, String m, String where)
      throws UnsupportedRuleException {
    if (state instanceof Encoded e) {
      return e.bytes;
    }
    if (state instanceof SigmaString s && !s.hasWildcards()) {
      return s.plain().getBytes(StandardCharsets.UTF_8);
    }
    throw new UnsupportedRuleException(
        where + ": '" + m + "' needs a plain string (no wildcards; encode before contains)");
  }

  private static byte[] utf16(Object state, String m, String where, boolean bigEndian, boolean bom)
      throws UnsupportedRuleException {
    if (!(state instanceof SigmaString s) || s.hasWildcards()) {
      throw new UnsupportedRuleException(
          where + ": '" + m + "' needs a plain string (no wildcards; encode before contains)");
    }
    byte[] body =
        s.plain().getBytes(bigEndian ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
    if (!bom) {
      return body;
    }
    byte[] withBom = new byte[body.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(body, 0, withBom, 2, body.length);
    return withBom;
  }

  /**
   * The three base64 forms the value takes at byte offsets 0, 1 and 2 of an encoded stream, cut to
   * the characters that do not depend on the neighbouring bytes (pySigma's base64offset).
   */
  static List<String> base64Offsets(byte[] value) {
    int[] startCut = {0, 2, 3};
    int[] endCut = {0, 3, 2};
    List<String> variants = new ArrayList<>(3);
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[value.length + shift];
      Arrays.fill(shifted, 0, shift, (byte) ' ');
      System.arraycopy(value, 0, shifted, shift, value.length);
      String encoded = BASE64.encodeToString(shifted);
      int end = encoded.length() - endCut[(value.length + shift) % 3];
      int start = startCut[shift];
      variants.add(end > start ? encoded.substring(start, end) : "");
    }
    return variants;
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }

  /** A scalar rule value as text: numbers in plain decimal notation, booleans as true/false. */
  private static String text(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue())
          .stripTrailingZeros()
          .toPlainString();
    }
    return String.valueOf(value);
  }

  static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map<?, ?>) {
      return "map";
    }
    if (value instanceof List<?>) {
      return "list";
    }
    return value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " '" + value + "'";
  }
}

package io.hsystem.detection.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a Sigma condition into an {@link Expr} over the rule's search identifiers.
 *
 * <p>Grammar (Sigma 2.0), least binding first: {@code or}, {@code and}, {@code not}, {@code x of
 * pattern}, parentheses. {@code x} is {@code 1}, {@code any}, {@code all} or a larger count; {@code
 * pattern} is an identifier with {@code *} wildcards or {@code them} (every identifier not starting
 * with {@code _}). Operators are case-insensitive. The obsolete aggregation syntax ({@code |
 * count() …}, {@code near}) is refused: Sigma 2 expresses it as correlation rules.
 */
final class ConditionParser {

  private final String condition;
  private final Map<String, Expr> identifiers;
  private final List<String> tokens;
  private int position;

  private ConditionParser(String condition, Map<String, Expr> identifiers) {
    this.condition = condition;
    this.identifiers = identifiers;
    this.tokens = new ArrayList<>();
  }

  /**
   * Parses a condition.
   *
   * @param identifiers the compiled search identifiers, in the rule's order
   */
  static Expr parse(String condition, Map<String, Expr> identifiers)
      throws UnsupportedRuleException {
    ConditionParser parser = new ConditionParser(condition, identifiers);
    parser.tokenize();
    if (parser.tokens.isEmpty()) {
      throw new UnsupportedRuleException("condition is empty");
    }
    Expr expr = parser.or();
    if (parser.position < parser.tokens.size()) {
      throw parser.error("unexpected '" + parser.tokens.get(parser.position) + "'");
    }
    return expr;
  }

  private void tokenize() throws UnsupportedRuleException {
    int i = 0;
    int n = condition.length();
    while (i < n) {
      char c = condition.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '|') {
        throw new UnsupportedRuleException(
            "condition uses the obsolete aggregation syntax ('|'): Sigma 2 expresses it as a"
                + " correlation rule");
      } else if (isIdentifierChar(c)) {
        int start = i;
        while (i < n && isIdentifierChar(condition.charAt(i))) {
          i++;
        }
        tokens.add(condition.substring(start, i));
      } else {
        throw error("unexpected character '" + c + "'");
      }
    }
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '*';
  }

  private Expr or() throws UnsupportedRuleException {
    List<Expr> operands = new ArrayList<>();
    operands.add(and());
    while (accept("or")) {
      operands.add(and());
    }
    return Expr.or(operands);
  }

  private Expr and() throws UnsupportedRuleException {
    List<Expr> operands = new ArrayList<>();
    operands.add(not());
    while (accept("and")) {
      operands.add(not());
    }
    return Expr.and(operands);
  }

  private Expr not() throws UnsupportedRuleException {
    if (accept("not")) {
      return new Expr.Not(not());
    }
    return primary();
  }

  private Expr primary() throws UnsupportedRuleException {
    String token = next("an identifier, 'not', 'x of' or '('");
    if (token.equals("(")) {
      Expr inner = or();
      if (!accept(")")) {
        throw error("missing ')'");
      }
      return inner;
    }
    if (position < tokens.size() && keyword(tokens.get(position)).equals("of")) {
      position++;
      return quantifier(token, next("an identifier pattern or 'them' after 'of'"));
    }
    String lower = keyword(token);
    if (lower.equals("near")) {
      throw new UnsupportedRuleException(
          "condition uses the obsolete 'near' operator: Sigma 2 expresses it as a temporal"
              + " correlation rule");
    }
    if (lower.equals("and") || lower.equals("or") || lower.equals(")")) {
      throw error("'" + token + "' where an identifier was expected");
    }
    Expr expr = identifiers.get(token);
    if (expr == null) {
      throw error("unknown search identifier '" + token + "'");
    }
    return expr;
  }

  private Expr quantifier(String count, String pattern) throws UnsupportedRuleException {
    List<Expr> matched = new ArrayList<>();
    boolean them = keyword(pattern).equals("them");
    for (Map.Entry<String, Expr> e : identifiers.entrySet()) {
      String name = e.getKey();
      if (them ? !name.startsWith("_") : globMatches(pattern, name)) {
        matched.add(e.getValue());
      }
    }
    if (matched.isEmpty()) {
      throw error("'" + count + " of " + pattern + "' matches no search identifier");
    }
    String c = keyword(count);
    if (c.equals("all")) {
      return Expr.and(matched);
    }
    if (c.equals("any") || c.equals("1")) {
      return Expr.or(matched);
    }
    int min;
    try {
      min = Integer.parseInt(count);
    } catch (NumberFormatException e) {
      throw error("'" + count + " of': expected 1, any, all or a number");
    }
    if (min < 1) {
      throw error("'" + count + " of': the count must be at least 1");
    }
    if (min > matched.size()) {
      throw error(
          "'"
              + count
              + " of "
              + pattern
              + "' asks for more than the "
              + matched.size()
              + " matching identifiers");
    }
    return min == matched.size() ? Expr.and(matched) : new Expr.AtLeast(min, List.copyOf(matched));
  }

  /** Identifier patterns: {@code *} stands for any run of characters, everything else is exact. */
  static boolean globMatches(String pattern, String name) {
    return SigmaString.parse(pattern.replace("?", "\\?")).matches(name, true);
  }

  private boolean accept(String keyword) {
    if (position < tokens.size() && keyword(tokens.get(position)).equals(keyword)) {
      position++;
      return true;
    }
    return false;
  }

  private String next(String expected) throws UnsupportedRuleException {
    if (position >= tokens.size()) {
      throw error("ends where " + expected + " was expected");
    }
    return tokens.get(position++);
  }

  private static String keyword(String token) {
    return token.toLowerCase(Locale.ROOT);
  }

  private UnsupportedRuleException error(String what) {
    return new UnsupportedRuleException("condition '" + condition + "': " + what);
  }
}

package io.hsystem.intel.internal.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The part of the STIX 2.1 patterning language that names indicator values: equality comparisons
 * ({@code [ipv4-addr:value = '198.51.100.1']}) combined with {@code OR}, inside one observation
 * expression or across several, with parentheses. Everything else ({@code AND}, {@code FOLLOWEDBY},
 * other operators, {@code NOT}, qualifiers) is reported as unsupported rather than approximated: an
 * {@code AND} of two values is not the same as either value alone.
 */
final class StixPattern {

  static final int MAX_COMPARISONS = 100;

  private static final Set<String> KEYWORDS =
      Set.of(
          "OR",
          "AND",
          "FOLLOWEDBY",
          "NOT",
          "LIKE",
          "MATCHES",
          "IN",
          "ISSUBSET",
          "ISSUPERSET",
          "EXISTS",
          "WITHIN",
          "REPEATS",
          "START",
          "STOP",
          "SECONDS",
          "TIMES");

  /** One {@code path = 'value'} comparison. */
  record Comparison(String path, String value) {}

  /** The pattern uses a construct outside the supported subset; the message names it. */
  static final class UnsupportedException extends Exception {
    UnsupportedException(String message) {
      super(message, null, false, false);
    }
  }

  /** The pattern is not valid STIX patterning syntax; the message says where. */
  static final class SyntaxException extends Exception {
    SyntaxException(String message) {
      super(message, null, false, false);
    }
  }

  private enum Kind {
    LBRACKET,
    RBRACKET,
    LPAREN,
    RPAREN,
    STRING,
    OPERATOR,
    PATH,
    KEYWORD,
    OTHER,
    END
  }

  private record Token(Kind kind, String text, int position) {}

  private final List<Token> tokens;
  private final List<Comparison> comparisons = new ArrayList<>();
  private int next;

  private StixPattern(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** The comparisons of a pattern that is an OR of equality comparisons. */
  static List<Comparison> parse(String pattern) throws UnsupportedException, SyntaxException {
    StixPattern parser = new StixPattern(tokenize(pattern));
    parser.observations();
    Token end = parser.peek();
    if (end.kind() != Kind.END) {
      throw parser.unexpected(end, "the end of the pattern");
    }
    return parser.comparisons;
  }

  // observations := observation (OR observation)*
  private void observations() throws UnsupportedException, SyntaxException {
    observation();
    while (true) {
      Token t = peek();
      if (isKeyword(t, "OR")) {
        next++;
        observation();
      } else if (isKeyword(t, "AND") || isKeyword(t, "FOLLOWEDBY")) {
        throw new UnsupportedException(
            t.text() + " between observations is not supported (only OR)");
      } else {
        return;
      }
    }
  }

  // observation := '[' comparisons ']' | '(' observations ')', then no qualifier
  private void observation() throws UnsupportedException, SyntaxException {
    Token t = take();
    if (t.kind() == Kind.LBRACKET) {
      comparisons();
      expect(Kind.RBRACKET, "']'");
    } else if (t.kind() == Kind.LPAREN) {
      observations();
      expect(Kind.RPAREN, "')'");
    } else {
      throw unexpected(t, "'[' or '('");
    }
    Token q = peek();
    if (isKeyword(q, "WITHIN") || isKeyword(q, "REPEATS") || isKeyword(q, "START")) {
      throw new UnsupportedException("the qualifier " + q.text() + " is not supported");
    }
  }

  // comparisons := comparison (OR comparison)*
  private void comparisons() throws UnsupportedException, SyntaxException {
    comparison();
    while (true) {
      Token t = peek();
      if (isKeyword(t, "OR")) {
        next++;
        comparison();
      } else if (isKeyword(t, "AND")) {
        throw new UnsupportedException(
            "AND inside an observation is not supported (only OR of '=' comparisons)");
      } else {
        return;
      }
    }
  }

  // comparison := '(' comparisons ')' | path '=' string
  private void comparison() throws UnsupportedException, SyntaxException {
    Token t = take();
    if (t.kind() == Kind.LPAREN) {
      comparisons();
      expect(Kind.RPAREN, "')'");
      return;
    }
    if (isKeyword(t, "NOT") || isKeyword(t, "EXISTS")) {
      throw new UnsupportedException(t.text() + " is not supported");
    }
    if (t.kind() != Kind.PATH) {
      throw unexpected(t, "an object path such as ipv4-addr:value");
    }
    Token op = take();
    if (op.kind() == Kind.KEYWORD && isOperatorWord(op.text())) {
      throw new UnsupportedException("the operator " + op.text() + " is not supported (only =)");
    }
    if (op.kind() == Kind.KEYWORD && op.text().equals("NOT")) {
      throw new UnsupportedException("NOT is not supported");
    }
    if (op.kind() != Kind.OPERATOR) {
      throw unexpected(op, "a comparison operator");
    }
    if (!op.text().equals("=")) {
      throw new UnsupportedException("the operator " + op.text() + " is not supported (only =)");
    }
    Token value = take();
    if (value.kind() != Kind.STRING) {
      throw new UnsupportedException(
          "comparisons with " + describe(value) + " are not supported (only quoted strings)");
    }
    if (comparisons.size() == MAX_COMPARISONS) {
      throw new UnsupportedException("more than " + MAX_COMPARISONS + " comparisons");
    }
    comparisons.add(new Comparison(t.text(), value.text()));
  }

  private static boolean isOperatorWord(String word) {
    return switch (word) {
      case "LIKE", "MATCHES", "IN", "ISSUBSET", "ISSUPERSET" -> true;
      default -> false;
    };
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token t = tokens.get(next);
    if (t.kind() != Kind.END) {
      next++;
    }
    return t;
  }

  private void expect(Kind kind, String what) throws SyntaxException {
    Token t = take();
    if (t.kind() != kind) {
      throw unexpected(t, what);
    }
  }

  private static boolean isKeyword(Token t, String keyword) {
    return t.kind() == Kind.KEYWORD && t.text().equals(keyword);
  }

  private SyntaxException unexpected(Token t, String expected) {
    return new SyntaxException(
        "expected " + expected + " at position " + (t.position() + 1) + ", found " + describe(t));
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case END -> "the end";
      case STRING -> "a string";
      default -> "'" + t.text() + "'";
    };
  }

  // ---- tokens

  private static List<Token> tokenize(String s) throws SyntaxException {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '[' || c == ']' || c == '(' || c == ')') {
        Kind kind =
            switch (c) {
              case '[' -> Kind.LBRACKET;
              case ']' -> Kind.RBRACKET;
              case '(' -> Kind.LPAREN;
              default -> Kind.RPAREN;
            };
        tokens.add(new Token(kind, String.valueOf(c), start));
        i++;
      } else if (c == ',') {
        // only inside IN (…) sets, which the parser refuses with a clear reason
        tokens.add(new Token(Kind.OTHER, ",", start));
        i++;
      } else if (c == '\'') {
        StringBuilder sb = new StringBuilder();
        i = string(s, i, sb);
        tokens.add(new Token(Kind.STRING, sb.toString(), start));
      } else if (c == '=' || c == '!' || c == '<' || c == '>') {
        i++;
        if (i < s.length() && s.charAt(i) == '=') {
          i++;
        }
        String op = s.substring(start, i);
        if (op.equals("!")) {
          throw new SyntaxException("'!' without '=' at position " + (start + 1));
        }
        tokens.add(new Token(Kind.OPERATOR, op, start));
      } else if (Character.isLetter(c)) {
        i = word(s, i);
        String word = s.substring(start, i);
        if (word.length() == 1 && i < s.length() && s.charAt(i) == '\'') {
          // a t'…' (timestamp), b'…' (binary) or h'…' (hex) literal
          i = string(s, i, new StringBuilder());
          tokens.add(new Token(Kind.OTHER, word + "'…'", start));
        } else if (word.indexOf(':') > 0) {
          tokens.add(new Token(Kind.PATH, word, start));
        } else if (KEYWORDS.contains(word)) {
          tokens.add(new Token(Kind.KEYWORD, word, start));
        } else {
          tokens.add(new Token(Kind.OTHER, word, start));
        }
      } else if (Character.isDigit(c) || c == '-') {
        while (i < s.length()
            && (Character.isDigit(s.charAt(i)) || ".-+eE".indexOf(s.charAt(i)) >= 0)) {
          i++;
        }
        tokens.add(new Token(Kind.OTHER, s.substring(start, i), start));
      } else {
        throw new SyntaxException("unexpected " + quoteChar(c) + " at position " + (start + 1));
      }
    }
    tokens.add(new Token(Kind.END, "", s.length()));
    return tokens;
  }

  /** Reads an object path or keyword; quoted path segments ({@code hashes.'SHA-256'}) included. */
  private static int word(String s, int i) throws SyntaxException {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '.') {
        i++;
      } else if (c == '\'' && s.charAt(i - 1) == '.') {
        i = string(s, i, new StringBuilder());
      } else if (c == '[' && i + 1 < s.length() && isIndexStart(s.charAt(i + 1))) {
        int close = s.indexOf(']', i);
        if (close < 0) {
          throw new SyntaxException("unclosed list index at position " + (i + 1));
        }
        i = close + 1;
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean isIndexStart(char c) {
    return c == '*' || Character.isDigit(c);
  }

  /** Reads a quoted string starting at {@code s[i]}; returns the index after its closing quote. */
  private static int string(String s, int i, StringBuilder out) throws SyntaxException {
    int start = i;
    i++;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        out.append(s.charAt(i + 1));
        i += 2;
      } else if (c == '\'') {
        return i + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    throw new SyntaxException("the string at position " + (start + 1) + " is never closed");
  }

  private static String quoteChar(char c) {
    return Character.isISOControl(c)
        ? String.format(Locale.ROOT, "U+%04X", (int) c)
        : "'" + c + "'";
  }
}

package io.hsystem.detection.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds literal text a regular expression cannot match without, so that the automata can rule the
 * expression out before it runs: for {@code ipconfig\s+/all} every match contains {@code ipconfig};
 * for {@code a|b} every match contains the literal of one alternative.
 *
 * <p>Conservative by construction: groups, character classes, escapes other than escaped
 * punctuation, and any character a quantifier may drop end a literal run; only ASCII characters are
 * kept (so case folding agrees with the regex engine's); patterns with comments mode or {@code
 * \Q…\E} quoting yield nothing. Finding nothing only means the expression is always run.
 */
final class RegexLiterals {

  private RegexLiterals() {}

  /**
   * Literals at least one of which every match contains (one per top-level alternative), or null
   * when none is known.
   */
  static List<String> required(Pattern pattern) {
    String regex = pattern.pattern();
    if ((pattern.flags() & (Pattern.COMMENTS | Pattern.LITERAL)) != 0
        || regex.contains("\\Q")
        || regex.contains("(?x")) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String alternative : topLevelAlternatives(regex)) {
      String literal = longestRun(alternative);
      if (literal == null) {
        return null;
      }
      if (!out.contains(literal)) {
        out.add(literal);
      }
    }
    return out;
  }

  private static List<String> topLevelAlternatives(String regex) {
    List<String> alternatives = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '[') {
        i = skipClass(regex, i);
      } else if (c == '(') {
        i = skipGroup(regex, i);
      } else if (c == '|') {
        alternatives.add(regex.substring(start, i));
        start = ++i;
      } else {
        i++;
      }
    }
    alternatives.add(regex.substring(start));
    return alternatives;
  }

  /** The longest run of required literal characters in a sequence without top-level '|'. */
  private static String longestRun(String regex) {
    StringBuilder run = new StringBuilder();
    String best = null;
    int i = 0;
    int n = regex.length();
    while (i < n) {
      char c = regex.charAt(i);
      int literal = -1;
      if (c == '\\') {
        if (i + 1 >= n) {
          return best(best, run);
        }
        char e = regex.charAt(i + 1);
        if (!Character.isLetterOrDigit(e) && e < 128) {
          literal = e;
          i += 2;
        } else {
          best = best(best, run);
          run.setLength(0);
          i = skipEscape(regex, i);
          continue;
        }
      } else if (c == '[') {
        best = best(best, run);
        run.setLength(0);
        i = skipQuantifier(regex, skipClass(regex, i));
        continue;
      } else if (c == '(') {
        best = best(best, run);
        run.setLength(0);
        i = skipQuantifier(regex, skipGroup(regex, i));
        continue;
      } else if (c == '.' || c == '^' || c == '$' || c == ')' || c >= 128) {
        best = best(best, run);
        run.setLength(0);
        i = skipQuantifier(regex, i + 1);
        continue;
      } else if (c == '*' || c == '+' || c == '?' || c == '{') {
        // a quantifier with nothing literal before it (already handled): skip it
        best = best(best, run);
        run.setLength(0);
        i = skipQuantifier(regex, i);
        continue;
      } else {
        literal = c;
        i++;
      }
      // the quantifier after a literal character decides whether it is required
      char q = i < n ? regex.charAt(i) : 0;
      if (q == '*' || q == '?' || (q == '{' && minRepeat(regex, i) == 0)) {
        best = best(best, run);
        run.setLength(0);
        i = skipQuantifier(regex, i);
      } else if (q == '+' || q == '{') {
        run.append((char) literal);
        best = best(best, run);
        run.setLength(0);
        i = skipQuantifier(regex, i);
      } else {
        run.append((char) literal);
      }
    }
    return best(best, run);
  }

  private static String best(String best, StringBuilder run) {
    return run.length() > 0 && (best == null || run.length() > best.length())
        ? run.toString()
        : best;
  }

  /** The minimum of a {@code {n}}/{@code {n,m}} quantifier starting at {@code i}, or -1. */
  private static int minRepeat(String regex, int i) {
    int j = i + 1;
    int n = 0;
    boolean digits = false;
    while (j < regex.length() && Character.isDigit(regex.charAt(j))) {
      n = Math.min(1000, n * 10 + (regex.charAt(j) - '0'));
      digits = true;
      j++;
    }
    return digits ? n : -1;
  }

  /** Skips a quantifier (and its lazy/possessive suffix) at {@code i}, if there is one. */
  private static int skipQuantifier(String regex, int i) {
    if (i >= regex.length()) {
      return i;
    }
    char q = regex.charAt(i);
    if (q == '*' || q == '+' || q == '?') {
      i++;
    } else if (q == '{') {
      int close = regex.indexOf('}', i);
      i = close < 0 ? regex.length() : close + 1;
    } else {
      return i;
    }
    if (i < regex.length() && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
      i++;
    }
    return i;
  }

  /** Skips an escape that is not a literal character: \s, \d, \x41, \u0041, \p{L}, \k<n>, \1… */
  private static int skipEscape(String regex, int i) {
    int n = regex.length();
    char e = regex.charAt(i + 1);
    int j = i + 2;
    if ((e == 'p' || e == 'P' || e == 'x' || e == 'N') && j < n && regex.charAt(j) == '{') {
      int close = regex.indexOf('}', j);
      j = close < 0 ? n : close + 1;
    } else if (e == 'k' && j < n && regex.charAt(j) == '<') {
      int close = regex.indexOf('>', j);
      j = close < 0 ? n : close + 1;
    } else if (e == 'x') {
      j = Math.min(n, j + 2);
    } else if (e == 'u') {
      j = Math.min(n, j + 4);
    } else if (e == 'c' || e == 'p' || e == 'P') {
      j = Math.min(n, j + 1);
    } else if (Character.isDigit(e)) {
      while (j < n && Character.isDigit(regex.charAt(j))) {
        j++;
      }
    }
    return skipQuantifier(regex, j);
  }

  /** The index after the character class starting at {@code i} (nested classes included). */
  private static int skipClass(String regex, int i) {
    int depth = 0;
    int j = i;
    while (j < regex.length()) {
      char c = regex.charAt(j);
      if (c == '\\') {
        j += 2;
        continue;
      }
      if (c == '[') {
        depth++;
        // a ']' right after '[' or '[^' is a member, not the end
        if (j + 1 < regex.length() && regex.charAt(j + 1) == '^') {
          j++;
        }
        if (j + 1 < regex.length() && regex.charAt(j + 1) == ']') {
          j++;
        }
      } else if (c == ']' && --depth == 0) {
        return j + 1;
      }
      j++;
    }
    return regex.length();
  }

  /** The index after the group starting at {@code i}. */
  private static int skipGroup(String regex, int i) {
    int depth = 0;
    int j = i;
    while (j < regex.length()) {
      char c = regex.charAt(j);
      if (c == '\\') {
        j += 2;
        continue;
      }
      if (c == '[') {
        j = skipClass(regex, j);
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return j + 1;
      }
      j++;
    }
    return regex.length();
  }
}

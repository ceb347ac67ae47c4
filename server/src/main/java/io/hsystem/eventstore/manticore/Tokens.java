package io.hsystem.eventstore.manticore;

import java.util.ArrayList;
import java.util.List;

/**
 * How string values become full-text tokens, and therefore the MATCH() escaper: every character of
 * an untrusted value turns into a token made only of {@code [0-9a-z_]}, so no query operator of the
 * full-text syntax can ever come from user input.
 *
 * <p>A string value is indexed one token per (lower-cased) character between the sentinels {@link
 * #START} and {@link #END}; a text field's words are indexed the same way with {@link #BOUNDARY}
 * between them. Whole-value equality, prefixes, suffixes, infixes and {@code ?} then become exact
 * phrase queries, independent of searchd's 42-character word limit and its tokenizer.
 */
final class Tokens {

  static final String START = "_s";
  static final String END = "_e";
  static final String BOUNDARY = "_b";

  /** Phrase placeholder for exactly one token (one character). */
  static final String ANY = "*";

  private Tokens() {}

  /** Lower-cases per code point, so a value keeps its length in code points ({@code ?} = one). */
  static String lower(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    value.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
    return sb.toString();
  }

  /** The token of one lower-cased code point: itself for {@code [a-z0-9]}, else {@code _x<hex>}. */
  static String token(int codePoint) {
    if ((codePoint >= 'a' && codePoint <= 'z') || (codePoint >= '0' && codePoint <= '9')) {
      return String.valueOf((char) codePoint);
    }
    return "_x" + Integer.toHexString(codePoint);
  }

  /** Tokens of every character of {@code value} (lower-cased). */
  static List<String> chars(String value) {
    List<String> tokens = new ArrayList<>();
    lower(value).codePoints().forEach(cp -> tokens.add(token(cp)));
    return tokens;
  }

  /** The indexed text of a whole string value: start sentinel, characters, end sentinel. */
  static String valueText(String value) {
    return START + " " + String.join(" ", chars(value)) + " " + END;
  }

  /** The indexed text of a list of words: each between boundaries. */
  static String wordsText(List<String> words) {
    StringBuilder sb = new StringBuilder(BOUNDARY);
    for (String word : words) {
      sb.append(' ').append(String.join(" ", chars(word))).append(' ').append(BOUNDARY);
    }
    return sb.toString();
  }

  /** The words of a text value (lower-cased): maximal runs of letters and digits. */
  static List<String> words(String value) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    lower(value)
        .codePoints()
        .forEach(
            cp -> {
              if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
              } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
              }
            });
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }
}

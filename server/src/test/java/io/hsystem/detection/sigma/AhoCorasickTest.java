package io.hsystem.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The automaton reports exactly the occurrences a naive search finds. */
class AhoCorasickTest {

  @Test
  void reportsOverlappingAndNestedOccurrences() {
    AhoCorasick ac = new AhoCorasick(List.of("he", "she", "his", "hers", "\\", "é"));
    Set<String> found = new TreeSet<>();
    char[] text = "xuSHErs \\ Éx".toCharArray();
    // scanned from offset 1, ends are relative to it
    ac.scan(text, 1, text.length - 1, (literal, end) -> found.add(literal + "@" + end));
    assertThat(found).containsExactlyInAnyOrder("1@4", "0@4", "3@6", "4@8", "5@10");
  }

  @Test
  void agreesWithNaiveSearchOnRandomLiterals() {
    Random random = new Random(42);
    // a large set, so that deep states fall outside the dense table
    String alphabet = "abcdefghij\\:. -/\u00e9\u4e2d";
    Set<String> literalSet = new LinkedHashSet<>();
    while (literalSet.size() < 20_000) {
      literalSet.add(randomText(random, alphabet, 1 + random.nextInt(24)));
    }
    List<String> literals = new ArrayList<>(literalSet);
    AhoCorasick ac = new AhoCorasick(literals);
    for (int round = 0; round < 200; round++) {
      String text = randomText(random, alphabet.toUpperCase() + alphabet + "xyz", 300);
      Set<String> expected = new TreeSet<>();
      String folded = Text.lower(text);
      for (int i = 0; i < literals.size(); i++) {
        for (int at = folded.indexOf(literals.get(i));
            at >= 0;
            at = folded.indexOf(literals.get(i), at + 1)) {
          expected.add(i + "@" + (at + literals.get(i).length()));
        }
      }
      Set<String> actual = new TreeSet<>();
      ac.scan(
          text.toCharArray(), 0, text.length(), (literal, end) -> actual.add(literal + "@" + end));
      assertThat(actual).as("round %d", round).isEqualTo(expected);
    }
  }

  private static String randomText(Random random, String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}

package io.hsystem.detection.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads MITRE ATT&amp;CK references out of Sigma tags: {@code attack.t1059.001} is a technique,
 * {@code attack.<name>} without digits is a tactic (Sigma 1 wrote them with underscores, {@code
 * defense_evasion}; ATT&amp;CK short names use hyphens), and groups, software and campaigns ({@code
 * attack.g0016}, {@code attack.s0005}, {@code attack.c0010}) are neither.
 */
final class AttackTags {

  private static final String PREFIX = "attack.";
  private static final Pattern TECHNIQUE = Pattern.compile("t\\d{4}(\\.\\d{3})?");
  private static final Pattern TACTIC = Pattern.compile("[a-z][a-z_-]*");

  private AttackTags() {}

  static List<String> techniques(List<String> tags) {
    List<String> out = new ArrayList<>();
    for (String tag : tags) {
      String name = attackName(tag);
      if (name != null && TECHNIQUE.matcher(name).matches()) {
        add(out, name.toUpperCase(Locale.ROOT));
      }
    }
    return List.copyOf(out);
  }

  static List<String> tactics(List<String> tags) {
    List<String> out = new ArrayList<>();
    for (String tag : tags) {
      String name = attackName(tag);
      if (name != null && TACTIC.matcher(name).matches()) {
        add(out, name.replace('_', '-'));
      }
    }
    return List.copyOf(out);
  }

  private static String attackName(String tag) {
    String t = tag.strip().toLowerCase(Locale.ROOT);
    return t.startsWith(PREFIX) && t.length() > PREFIX.length()
        ? t.substring(PREFIX.length())
        : null;
  }

  private static void add(List<String> out, String value) {
    if (!out.contains(value)) {
      out.add(value);
    }
  }
}

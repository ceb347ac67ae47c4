package io.hsystem.hunting;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The 14 MITRE ATT&CK enterprise tactics, by short name and id, and the technique id format. */
public final class AttackTactics {

  /** Short names in the order of the ATT&CK matrix. */
  public static final List<String> SHORT_NAMES =
      List.of(
          "reconnaissance",
          "resource-development",
          "initial-access",
          "execution",
          "persistence",
          "privilege-escalation",
          "defense-evasion",
          "credential-access",
          "discovery",
          "lateral-movement",
          "collection",
          "command-and-control",
          "exfiltration",
          "impact");

  /** Tactic ids (TA00xx) to short names. */
  public static final Map<String, String> BY_ID =
      Map.ofEntries(
          Map.entry("TA0043", "reconnaissance"),
          Map.entry("TA0042", "resource-development"),
          Map.entry("TA0001", "initial-access"),
          Map.entry("TA0002", "execution"),
          Map.entry("TA0003", "persistence"),
          Map.entry("TA0004", "privilege-escalation"),
          Map.entry("TA0005", "defense-evasion"),
          Map.entry("TA0006", "credential-access"),
          Map.entry("TA0007", "discovery"),
          Map.entry("TA0008", "lateral-movement"),
          Map.entry("TA0009", "collection"),
          Map.entry("TA0011", "command-and-control"),
          Map.entry("TA0010", "exfiltration"),
          Map.entry("TA0040", "impact"));

  private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

  private AttackTactics() {}

  /** The short name for a short name, a display name ("Defense Evasion") or an id; else null. */
  public static String normalise(String tactic) {
    if (tactic == null) {
      return null;
    }
    String t = tactic.trim();
    if (BY_ID.containsKey(t.toUpperCase(Locale.ROOT))) {
      return BY_ID.get(t.toUpperCase(Locale.ROOT));
    }
    String shortName = t.toLowerCase(Locale.ROOT).replace(' ', '-');
    return SHORT_NAMES.contains(shortName) ? shortName : null;
  }

  public static boolean isTechniqueId(String id) {
    return id != null && TECHNIQUE.matcher(id).matches();
  }

  static String allowed() {
    return SHORT_NAMES.stream().collect(Collectors.joining(", "));
  }
}

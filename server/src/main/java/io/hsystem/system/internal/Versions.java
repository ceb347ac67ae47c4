package io.hsystem.system.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Release versions {@code vMAJOR.MINOR.PATCH[-suffix]}; a suffixed version precedes the plain one.
 */
public final class Versions {

  private static final Pattern VERSION =
      Pattern.compile("v?(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})(?:-([0-9A-Za-z.-]{1,40}))?");

  private Versions() {}

  public static boolean isValid(String version) {
    return version != null && VERSION.matcher(version).matches();
  }

  /** {@code v} + the version, whatever form it was given in. */
  public static String display(String version) {
    return version.startsWith("v") ? version : "v" + version;
  }

  public static int compare(String a, String b) {
    Matcher x = VERSION.matcher(a);
    Matcher y = VERSION.matcher(b);
    if (!x.matches() || !y.matches()) {
      throw new IllegalArgumentException("not a version: " + (x.matches() ? b : a));
    }
    for (int i = 1; i <= 3; i++) {
      int c = Integer.compare(Integer.parseInt(x.group(i)), Integer.parseInt(y.group(i)));
      if (c != 0) {
        return c;
      }
    }
    String p = x.group(4);
    String q = y.group(4);
    if (p == null || q == null) {
      return p == null ? (q == null ? 0 : 1) : -1;
    }
    return p.compareTo(q);
  }
}

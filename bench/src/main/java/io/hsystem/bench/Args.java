package io.hsystem.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} / {@code --name=value} command-line options. */
final class Args {

  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a);
      }
      int eq = a.indexOf('=');
      if (eq > 0) {
        values.put(a.substring(2, eq), a.substring(eq + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(a.substring(2), args[++i]);
      } else {
        values.put(a.substring(2), "true");
      }
    }
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    String v = values.get(name);
    return v == null
        ? fallback
        : Integer.parseInt(v.replace("_", "").replace("k", "000").replace("M", "000000"));
  }

  boolean flag(String name, boolean fallback) {
    String v = values.get(name);
    return v == null ? fallback : Boolean.parseBoolean(v);
  }
}

package io.hsystem.auth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The minimum password policy: a length floor, three of four character classes (lower, upper,
 * digit, other) and not containing the user name.
 */
public final class PasswordPolicy {

  public static final int MAX_LENGTH = 128;
  private final int minLength;

  public PasswordPolicy(int minLength) {
    this.minLength = minLength;
  }

  /** What is wrong with the password, empty when it passes. */
  public List<String> violations(String username, String password) {
    List<String> problems = new ArrayList<>();
    if (password == null || password.length() < minLength) {
      problems.add("at least " + minLength + " characters");
    }
    if (password != null && password.length() > MAX_LENGTH) {
      problems.add("at most " + MAX_LENGTH + " characters");
    }
    if (password != null && classes(password) < 3) {
      problems.add("three of: lower-case letters, upper-case letters, digits, other characters");
    }
    if (password != null
        && username != null
        && username.length() >= 3
        && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      problems.add("must not contain the user name");
    }
    return problems;
  }

  private static int classes(String password) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean other = false;
    for (int i = 0; i < password.length(); i++) {
      char c = password.charAt(i);
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        other = true;
      }
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
  }
}

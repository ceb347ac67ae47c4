package io.hsystem.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.auth.internal.PasswordPolicy;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  private final PasswordPolicy policy = new PasswordPolicy(12);

  @Test
  void aLongMixedPasswordWithoutTheUserNamePasses() {
    assertThat(policy.violations("alice", "Correct-Horse-9")).isEmpty();
    assertThat(policy.violations("alice", "正确的马电池订书钉Ab1")).isEmpty();
  }

  @Test
  void shortSimpleOrNameBearingPasswordsFail() {
    assertThat(policy.violations("alice", "Sh0rt!")).containsExactly("at least 12 characters");
    assertThat(policy.violations("alice", "alllowercaseletters"))
        .containsExactly(
            "three of: lower-case letters, upper-case letters, digits, other characters");
    assertThat(policy.violations("alice", "Alice-Rocks-2025"))
        .containsExactly("must not contain the user name");
    assertThat(policy.violations("alice", "A1-" + "x".repeat(200)))
        .containsExactly("at most 128 characters");
    assertThat(policy.violations("alice", null)).containsExactly("at least 12 characters");
  }
}

package io.hsystem.auth;

import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * There is no default password: on the first start with no users, {@code admin} is created with
 * {@code HSYSTEM_ADMIN_PASSWORD}, or with a random password printed once and to be changed at the
 * first login.
 */
@Component
class InitialAdmin implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_";

  private final UserService users;
  private final AuthProperties properties;

  InitialAdmin(UserService users, AuthProperties properties) {
    this.users = users;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (users.anyUserExists()) {
      return;
    }
    String given = properties.initialAdminPassword();
    boolean generated = given == null || given.isBlank();
    String password = generated ? generate() : given;
    users.create(
        new UserService.NewUser(
            "admin", password, Role.ADMIN, Set.of(), "Administrator", generated));
    if (generated) {
      // printed once, on purpose: the operator has no other way to learn it
      log.warn(
          "\n\n  Initial administrator created: user 'admin', password '{}'\n"
              + "  It is shown only this once; change it after the first login.\n",
          password);
    } else {
      log.info(
          "initial administrator 'admin' created with the password from HSYSTEM_ADMIN_PASSWORD");
    }
  }

  private static String generate() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder("Hs1-");
    for (int i = 0; i < 20; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}

package io.hsystem.sensor.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A username/password pair a decoy accepts, which opens its fake shell (SSH, Telnet). These are
 * bait, not secrets: they are meant to be guessed.
 */
public record Credential(
    @JsonProperty("username") String username, @JsonProperty("password") String password) {

  public boolean matches(String user, String pass) {
    return username.equals(user) && password.equals(pass);
  }
}

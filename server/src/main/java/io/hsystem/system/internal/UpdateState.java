package io.hsystem.system.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The update's state on disk ({@code <data>/update/state.json}) and the pointer to the jar the
 * launcher runs ({@code <data>/update/active}): shared by the server that starts an update, the
 * launcher that restarts into it (and rolls it back), and the version that comes up.
 */
public final class UpdateState {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path dir;

  public UpdateState(Path dataDir) {
    this.dir = dataDir.resolve("update");
  }

  public Path dir() {
    return dir;
  }

  /** The state, or an empty map when no update ever ran. */
  public synchronized Map<String, Object> read() {
    Path file = dir.resolve("state.json");
    if (!Files.exists(file)) {
      return new LinkedHashMap<>();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (RuntimeException e) {
      return new LinkedHashMap<>();
    }
  }

  /** Replaces the state atomically. */
  public synchronized void write(Map<String, Object> state) {
    try {
      Files.createDirectories(dir);
      Map<String, Object> copy = new LinkedHashMap<>(state);
      copy.put("updated_at", Instant.now().toString());
      Path temp = dir.resolve("state.json.tmp");
      Files.write(temp, JSON.writeValueAsBytes(copy));
      move(temp, dir.resolve("state.json"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the update state", e);
    }
  }

  /** Merges fields into the state. */
  public synchronized Map<String, Object> update(Map<String, Object> changes) {
    Map<String, Object> state = read();
    state.putAll(changes);
    write(state);
    return state;
  }

  public Optional<Path> activeJar() {
    Path pointer = dir.resolve("active");
    try {
      return Files.exists(pointer)
          ? Optional.of(Path.of(Files.readString(pointer).trim()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void setActiveJar(Path jar) {
    try {
      Files.createDirectories(dir);
      Path temp = dir.resolve("active.tmp");
      Files.writeString(temp, jar.toAbsolutePath().toString());
      move(temp, dir.resolve("active"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot switch the active jar", e);
    }
  }

  /** The launcher's part of a rollback: the previous jar becomes active again, and why is kept. */
  public synchronized void rollBack(String failure) {
    Map<String, Object> state = read();
    Object previous = state.get("previous_jar");
    if (previous != null) {
      setActiveJar(Path.of(previous.toString()));
    }
    state.put("status", "rolled_back");
    state.put("progress", 100);
    state.put("error", failure);
    state.put("rollback_audited", false);
    write(state);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

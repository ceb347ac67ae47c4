package io.hsystem.ingest.internal;

import io.hsystem.assets.AssetService;
import io.hsystem.assets.AssetType;
import io.hsystem.assets.HostRef;
import io.hsystem.assets.ManagedBy;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ties events to assets by agent/sensor id, else host name, else host IP; unseen hosts become
 * assets. Known hosts are cached, so a batch costs SQL only for hosts never seen before, and
 * check-in times are collected here and written in one statement by {@link #flushCheckins()}.
 */
public final class AssetLinker {

  private static final int MAX_CACHED = 100_000;

  private final AssetService assets;
  private final Map<String, Long> known = new ConcurrentHashMap<>();
  private final Map<Long, Instant> checkins = new ConcurrentHashMap<>();

  public AssetLinker(AssetService assets) {
    this.assets = assets;
  }

  /** Sets {@code asset_id} on every event that names its host (or on all, for a bound key). */
  public void link(List<Event> events, SourceType source, Long boundAsset, Instant now) {
    if (boundAsset != null) {
      for (Event event : events) {
        event.set(EventField.ASSET_ID, boundAsset);
      }
      checkins.merge(boundAsset, now, (a, b) -> a.isAfter(b) ? a : b);
      return;
    }
    Map<String, HostRef> unknown = new HashMap<>();
    String[] keys = new String[events.size()];
    for (int i = 0; i < events.size(); i++) {
      HostRef host = hostOf(events.get(i), source);
      if (host != null) {
        keys[i] = host.key();
        if (!known.containsKey(keys[i])) {
          unknown.putIfAbsent(keys[i], host);
        }
      }
    }
    if (!unknown.isEmpty()) {
      synchronized (this) {
        unknown.keySet().removeIf(known::containsKey);
        if (!unknown.isEmpty()) {
          if (known.size() > MAX_CACHED) {
            known.clear();
          }
          known.putAll(assets.resolveHosts(unknown.values()));
        }
      }
    }
    for (int i = 0; i < events.size(); i++) {
      if (keys[i] != null) {
        Long id = known.get(keys[i]);
        if (id != null) {
          events.get(i).set(EventField.ASSET_ID, id);
          checkins.merge(id, now, (a, b) -> a.isAfter(b) ? a : b);
        }
      }
    }
  }

  /** Writes the collected check-in times. */
  public void flushCheckins() {
    if (checkins.isEmpty()) {
      return;
    }
    Map<Long, Instant> batch = new HashMap<>();
    for (Long id : List.copyOf(checkins.keySet())) {
      Instant t = checkins.remove(id);
      if (t != null) {
        batch.put(id, t);
      }
    }
    assets.recordCheckins(batch);
  }

  /** Forgets cached hosts (an asset was deleted, tests reset the database). */
  public void forget() {
    known.clear();
  }

  static HostRef hostOf(Event event, SourceType source) {
    String agent = event.getString(EventField.SENSOR_ID);
    String name = event.getString(EventField.HOST_NAME);
    String ip = event.getString(EventField.HOST_IP);
    if (agent == null && name == null && ip == null) {
      return null;
    }
    boolean honeypot =
        source == SourceType.HSYSTEM_SENSOR
            || source == SourceType.COWRIE
            || source == SourceType.OPENCANARY;
    AssetType type =
        honeypot
            ? AssetType.HONEYPOT
            : source == SourceType.SYSLOG ? AssetType.SERVER : AssetType.WORKSTATION;
    return new HostRef(agent, name, ip, type, honeypot ? ManagedBy.SENSOR : ManagedBy.AGENT);
  }
}

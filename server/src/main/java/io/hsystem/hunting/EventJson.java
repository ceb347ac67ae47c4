package io.hsystem.hunting;

import io.hsystem.protocol.Event;
import io.hsystem.shared.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An event as the API shows it: canonical snake_case names, times as YYYY-MM-DD HH:MM:SS UTC. */
public final class EventJson {

  private EventJson() {}

  public static Map<String, Object> of(Event event) {
    Map<String, Object> json = new LinkedHashMap<>();
    event.forEach(
        (field, value) ->
            json.put(field.fieldName(), value instanceof Instant t ? Timestamps.format(t) : value));
    return json;
  }
}

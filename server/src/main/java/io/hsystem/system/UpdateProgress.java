package io.hsystem.system;

import java.util.Map;

/**
 * An update moved on (published as an application event, pushed to consoles over the socket).
 *
 * @param state the whole update state: {@code status}, {@code progress}, versions, {@code error}
 */
public record UpdateProgress(Map<String, Object> state) {}

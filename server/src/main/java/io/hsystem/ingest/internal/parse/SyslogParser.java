package io.hsystem.ingest.internal.parse;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syslog lines, RFC 5424 ({@code <PRI>1 2025-08-27T14:25:03.123+08:00 host app procid msgid [SD]
 * msg}) and RFC 3164 ({@code <PRI>Mmm dd hh:mm:ss host tag[pid]: msg}, in UTC, the year taken from
 * the receive time).
 *
 * <p>Every line is an event of type {@code syslog} (category {@code system}) with {@code
 * host_name}, {@code service} (app name or tag), {@code process_id} and {@code message}, except
 * sshd's password/public-key outcomes, which become {@code login_attempt} or {@code login_success}
 * (category {@code authentication}) with {@code username}, {@code src_ip} and {@code src_port}. The
 * sender's address is {@code host_ip} when the line names no host by address. A NILVALUE timestamp
 * is rejected like any missing time.
 */
public final class SyslogParser {

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private static final Pattern SSHD =
      Pattern.compile(
          "(Failed|Accepted) (password|publickey|keyboard-interactive(?:/pam)?|none) for"
              + " (?:invalid user )?(\\S+) from (\\S+)(?: port (\\d{1,5}))?.*",
          Pattern.DOTALL);

  /** A 3164 timestamp this far after the receive time belongs to the previous year. */
  private static final long FUTURE_TOLERANCE_DAYS = 31;

  /**
   * Parses one line (a trailing newline is ignored).
   *
   * @param line the line as received
   * @param receivedAt when it was received; gives RFC 3164 lines their year
   * @param peerAddress the sender's address, or null
   * @throws RecordRejected when the line is not syslog or its time is missing or invalid
   */
  public Event parse(String line, Instant receivedAt, String peerAddress) throws RecordRejected {
    if (line == null) {
      throw new RecordRejected("line: missing");
    }
    String raw = stripLineEnd(line);
    if (raw.isBlank()) {
      throw new RecordRejected("line: empty");
    }
    Cursor c = new Cursor(raw);
    pri(c);
    Event event = Values.newEvent(SourceType.SYSLOG, raw);
    Header h = c.startsWith("1 ") ? rfc5424(c) : rfc3164(c, receivedAt);
    event.set(EventField.EVENT_TIME, h.time);
    if (Values.looksLikeIp(h.host)) {
      event.set(EventField.HOST_IP, h.host);
    } else {
      event.set(EventField.HOST_NAME, h.host);
      event.set(EventField.HOST_IP, peerAddress);
    }
    event.set(EventField.SERVICE, h.app);
    event.set(EventField.PROCESS_ID, pid(h.procId));
    event.set(EventField.MESSAGE, h.message);
    classify(h, event);
    return event;
  }

  private static void classify(Header h, Event event) throws RecordRejected {
    if (h.message != null && h.app != null && h.app.startsWith("sshd")) {
      Matcher m = SSHD.matcher(h.message);
      if (m.matches()) {
        boolean accepted = m.group(1).equals("Accepted");
        new EventKind(accepted ? "login_success" : "login_attempt", EventKind.AUTHENTICATION)
            .applyTo(event);
        event.set(EventField.USERNAME, m.group(3));
        event.set(EventField.SRC_IP, m.group(4));
        event.set(EventField.SRC_PORT, m.group(5) == null ? null : Long.parseLong(m.group(5)));
        return;
      }
    }
    new EventKind("syslog", EventKind.SYSTEM).applyTo(event);
  }

  private static void pri(Cursor c) throws RecordRejected {
    if (!c.startsWith("<")) {
      throw new RecordRejected("pri: missing, a syslog line starts with <PRI>");
    }
    int close = c.text.indexOf('>');
    if (close < 2 || close > 4) {
      throw new RecordRejected("pri: not a priority: " + Values.quote(c.text));
    }
    String digits = c.text.substring(1, close);
    Long pri = Values.number(digits, "pri", false);
    if (!digits.chars().allMatch(Character::isDigit) || pri > 191) {
      throw new RecordRejected("pri: not a priority 0-191: " + Values.quote(digits));
    }
    c.pos = close + 1;
  }

  private static Header rfc5424(Cursor c) throws RecordRejected {
    c.pos += 2;
    Header h = new Header();
    String timestamp = c.token();
    if (timestamp == null || timestamp.equals("-")) {
      throw new RecordRejected("timestamp: missing");
    }
    if (timestamp.indexOf('T') != 10) {
      throw new RecordRejected("timestamp: not an RFC 3339 timestamp: " + Values.quote(timestamp));
    }
    h.time = Timestamps.parse(timestamp, "timestamp");
    h.host = nil(c.token());
    h.app = nil(c.token());
    h.procId = nil(c.token());
    String msgId = c.token();
    if (msgId == null) {
      throw new RecordRejected("header: incomplete RFC 5424 header");
    }
    structuredData(c);
    String msg = c.rest();
    if (msg != null && msg.startsWith("\uFEFF")) {
      msg = msg.substring(1);
    }
    h.message = msg;
    return h;
  }

  /** Skips the structured data: "-" or one or more [id param="value"…] elements. */
  private static void structuredData(Cursor c) throws RecordRejected {
    String s = c.text;
    if (c.pos < s.length() && s.charAt(c.pos) == ' ') {
      c.pos++;
    }
    if (c.pos >= s.length()) {
      return;
    }
    if (s.charAt(c.pos) == '-') {
      c.pos++;
      return;
    }
    while (c.pos < s.length() && s.charAt(c.pos) == '[') {
      boolean quoted = false;
      int i = c.pos + 1;
      for (; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (quoted && ch == '\\') {
          i++;
        } else if (ch == '"') {
          quoted = !quoted;
        } else if (!quoted && ch == ']') {
          break;
        }
      }
      if (i >= s.length()) {
        throw new RecordRejected("structured data: unterminated element");
      }
      c.pos = i + 1;
    }
  }

  private static Header rfc3164(Cursor c, Instant receivedAt) throws RecordRejected {
    if (receivedAt == null) {
      throw new RecordRejected("timestamp: no receive time to take the year from");
    }
    String s = c.text;
    int start = c.pos;
    if (s.length() < start + 15) {
      throw new RecordRejected("timestamp: missing");
    }
    String stamp = s.substring(start, start + 15);
    Header h = new Header();
    h.time = rfc3164Time(stamp, receivedAt);
    c.pos = start + 15;
    String host = c.token();
    String rest = c.rest();
    if (host != null && (host.endsWith(":") || host.indexOf('[') >= 0)) {
      // No hostname: the token is already the tag.
      rest = rest == null ? host : host + " " + rest;
      host = null;
    }
    h.host = host;
    if (rest != null) {
      tag(rest, h);
    }
    return h;
  }

  private static Instant rfc3164Time(String stamp, Instant receivedAt) throws RecordRejected {
    int month = -1;
    for (int i = 0; i < MONTHS.length; i++) {
      if (stamp.startsWith(MONTHS[i])) {
        month = i + 1;
      }
    }
    if (month < 0
        || stamp.charAt(3) != ' '
        || stamp.charAt(6) != ' '
        || stamp.charAt(9) != ':'
        || stamp.charAt(12) != ':') {
      throw new RecordRejected("timestamp: not an RFC 3164 timestamp: " + Values.quote(stamp));
    }
    try {
      int day = Integer.parseInt(stamp.substring(4, 6).strip());
      int hour = Integer.parseInt(stamp.substring(7, 9));
      int minute = Integer.parseInt(stamp.substring(10, 12));
      int second = Integer.parseInt(stamp.substring(13, 15));
      int year = receivedAt.atOffset(ZoneOffset.UTC).getYear();
      Instant time = at(year, month, day, hour, minute, second);
      if (time.isAfter(receivedAt.plus(FUTURE_TOLERANCE_DAYS, ChronoUnit.DAYS))) {
        time = at(year - 1, month, day, hour, minute, second);
      }
      return time;
    } catch (NumberFormatException | DateTimeException e) {
      throw new RecordRejected("timestamp: not a valid date or time: " + Values.quote(stamp));
    }
  }

  private static Instant at(int year, int month, int day, int hour, int minute, int second) {
    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
  }

  /** Splits "tag[pid]: message" (or "tag: message"); without a colon it is all message. */
  private static void tag(String rest, Header h) {
    int colon = rest.indexOf(": ");
    int space = rest.indexOf(' ');
    if (rest.endsWith(":") && space < 0) {
      colon = rest.length() - 1;
    }
    if (colon <= 0 || (space >= 0 && space < colon)) {
      h.message = rest;
      return;
    }
    String tag = rest.substring(0, colon);
    int open = tag.indexOf('[');
    if (open > 0 && tag.endsWith("]")) {
      h.app = tag.substring(0, open);
      h.procId = tag.substring(open + 1, tag.length() - 1);
    } else {
      h.app = tag;
    }
    h.message = colon + 2 <= rest.length() ? rest.substring(colon + 2) : null;
  }

  /** RFC 5424 allows any printable PROCID; only numeric ones are process ids. */
  private static Long pid(String procId) {
    if (procId == null || procId.isEmpty() || procId.length() > 18) {
      return null;
    }
    for (int i = 0; i < procId.length(); i++) {
      if (procId.charAt(i) < '0' || procId.charAt(i) > '9') {
        return null;
      }
    }
    return Long.parseLong(procId);
  }

  private static String nil(String token) {
    return token == null || token.equals("-") ? null : token;
  }

  private static String stripLineEnd(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    return line.substring(0, end);
  }

  private static final class Header {
    Instant time;
    String host;
    String app;
    String procId;
    String message;
  }

  /** A position in the line, read token by token. */
  private static final class Cursor {
    final String text;
    int pos;

    Cursor(String text) {
      this.text = text;
    }

    boolean startsWith(String prefix) {
      return text.startsWith(prefix, pos);
    }

    /** The next space-delimited token, or null at the end. */
    String token() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
      if (pos >= text.length()) {
        return null;
      }
      int end = text.indexOf(' ', pos);
      if (end < 0) {
        end = text.length();
      }
      String token = text.substring(pos, end);
      pos = end;
      return token;
    }

    /** Everything after the next space, or null when nothing is left. */
    String rest() {
      if (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
      return pos >= text.length() ? null : text.substring(pos);
    }
  }
}

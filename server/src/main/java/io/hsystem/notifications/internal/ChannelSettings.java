package io.hsystem.notifications.internal;

import io.hsystem.notifications.ChannelType;
import io.hsystem.notifications.NotificationProblem;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Enums;
import io.hsystem.shared.IpAddresses;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The settings of each channel type: validation of what the API gives (400s name {@code
 * settings.<key>}), the split into plain values (stored as JSON) and secrets (stored encrypted),
 * the masked view the API shows, and the {@link Destination} the senders use.
 *
 * <p>Secrets are the webhook and robot URLs (their tokens are in them), signing secrets, the SMTP
 * password and header values whose name looks like a credential. A secret left out or given as
 * {@value #MASK} keeps the stored one — but only while the destination stays the same, so that
 * nobody can send a stored credential to a host of their choosing without knowing it.
 */
public final class ChannelSettings {

  /** What the API shows instead of a secret, and accepts back for "unchanged". */
  public static final String MASK = "***";

  static final String URL = "url";
  static final String SECRET = "secret";
  static final String HEADERS = "headers";
  static final String HOST = "host";
  static final String PORT = "port";
  static final String SECURITY = "security";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String FROM = "from";
  static final String TO = "to";
  static final String PROTOCOL = "protocol";
  static final String FORMAT = "format";
  static final String FACILITY = "facility";

  private static final int MAX_URL = 2048;
  private static final int MAX_SECRET = 512;
  private static final int MAX_HEADERS = 20;
  private static final int MAX_HEADER_VALUE = 2048;
  private static final int MAX_RECIPIENTS = 20;
  private static final int MAX_ADDRESS = 254;
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
  private static final Pattern CREDENTIAL_HEADER =
      Pattern.compile("(?i).*(auth|token|key|secret|passw|cookie|signature|session|credential).*");

  /** Headers the HTTP client sets itself or refuses. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "host",
          "content-length",
          "content-type",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding",
          "te",
          "trailer",
          "keep-alive",
          "proxy-connection");

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

  private static final Map<ChannelType, Set<String>> KNOWN =
      Map.of(
          ChannelType.WEBHOOK, Set.of(URL, HEADERS),
          ChannelType.DINGTALK, Set.of(URL, SECRET),
          ChannelType.FEISHU, Set.of(URL, SECRET),
          ChannelType.WECOM, Set.of(URL),
          ChannelType.EMAIL, Set.of(HOST, PORT, SECURITY, USERNAME, PASSWORD, FROM, TO),
          ChannelType.SYSLOG, Set.of(HOST, PORT, PROTOCOL, FORMAT, FACILITY));

  private ChannelSettings() {}

  /**
   * Settings ready to store.
   *
   * @param plain what is stored as JSON and shown
   * @param secrets what is stored encrypted and never shown; header secrets under {@code headers}
   * @param target where messages go, without secrets
   */
  public record Stored(Map<String, Object> plain, Map<String, Object> secrets, String target) {

    /** Names of the stored secrets, header secrets as {@code headers.<name>}. */
    public List<String> secretNames() {
      List<String> names = new ArrayList<>();
      secrets.forEach(
          (key, value) -> {
            if (value instanceof Map<?, ?> nested) {
              nested.keySet().forEach(name -> names.add(key + "." + name));
            } else {
              names.add(key);
            }
          });
      return names;
    }
  }

  /**
   * A channel's settings as stored, when they are being replaced.
   *
   * @param unreadable true when the stored secrets cannot be decrypted: none can be kept
   */
  public record Previous(String target, Map<String, Object> secrets, boolean unreadable) {

    public Previous(String target, Map<String, Object> secrets) {
      this(target, secrets, false);
    }

    public static Previous unreadable(String target) {
      return new Previous(target, Map.of(), true);
    }
  }

  /**
   * Validates the settings given for a channel of the type.
   *
   * @param previous the channel's current settings when replacing them, otherwise null
   */
  public static Stored parse(ChannelType type, Map<String, Object> given, Previous previous) {
    Reader r = new Reader(type, given == null ? Map.of() : given, previous);
    return switch (type) {
      case WEBHOOK -> webhook(r);
      case DINGTALK, FEISHU -> robot(r, true);
      case WECOM -> robot(r, false);
      case EMAIL -> email(r);
      case SYSLOG -> syslog(r);
    };
  }

  /** The settings as the API shows them: plain values, every secret as {@value #MASK}. */
  public static Map<String, Object> masked(Map<String, Object> plain, List<String> secretNames) {
    Map<String, Object> view = new LinkedHashMap<>(plain);
    for (String name : secretNames) {
      int dot = name.indexOf('.');
      if (dot < 0) {
        view.put(name, MASK);
      } else {
        Map<String, Object> nested = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (view.get(name.substring(0, dot)) instanceof Map<?, ?> existing) {
          existing.forEach((k, v) -> nested.put(k.toString(), v));
        }
        nested.put(name.substring(dot + 1), MASK);
        view.put(name.substring(0, dot), nested);
      }
    }
    return view;
  }

  /** The destination of stored settings, secrets decrypted. */
  public static Destination destination(
      ChannelType type, Map<String, Object> plain, Map<String, Object> secrets) {
    return switch (type) {
      case WEBHOOK -> {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(stringMap(plain.get(HEADERS)));
        headers.putAll(stringMap(secrets.get(HEADERS)));
        yield new Destination.Webhook(URI.create((String) secrets.get(URL)), headers);
      }
      case DINGTALK, FEISHU, WECOM ->
          new Destination.Robot(
              URI.create((String) secrets.get(URL)), (String) secrets.get(SECRET));
      case EMAIL ->
          new Destination.Smtp(
              (String) plain.get(HOST),
              ((Number) plain.get(PORT)).intValue(),
              Enums.parse(Destination.SmtpSecurity.class, SECURITY, (String) plain.get(SECURITY)),
              (String) plain.get(USERNAME),
              (String) secrets.get(PASSWORD),
              (String) plain.get(FROM),
              strings(plain.get(TO)));
      case SYSLOG ->
          new Destination.Syslog(
              (String) plain.get(HOST),
              ((Number) plain.get(PORT)).intValue(),
              Enums.parse(
                  Destination.Syslog.Transport.class, PROTOCOL, (String) plain.get(PROTOCOL)),
              Enums.parse(Destination.Syslog.Format.class, FORMAT, (String) plain.get(FORMAT)),
              ((Number) plain.get(FACILITY)).intValue());
    };
  }

  /** Scheme, host and port of a URL: what may be shown of it. */
  public static String origin(URI url) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    return url.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + host
        + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  private static Stored webhook(Reader r) {
    Url url = url(r);
    Map<String, Object> plainHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, Object> secretHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, Object> given = r.object(HEADERS, MAX_HEADERS);
    for (Map.Entry<String, Object> header : given.entrySet()) {
      String name = header.getKey();
      String field = "settings.headers." + name;
      if (!HEADER_NAME.matcher(name).matches()) {
        throw ApiException.badField("settings.headers", "'" + abbreviate(name) + "' is no header");
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw ApiException.badField(field, "is set by H-System itself");
      }
      if (!(header.getValue() instanceof String value)) {
        throw ApiException.badField(field, "must be a string");
      }
      if (MASK.equals(value)) {
        secretHeaders.put(name, r.kept(HEADERS, name, field, url.target));
      } else if (CREDENTIAL_HEADER.matcher(name).matches()) {
        secretHeaders.put(name, headerValue(field, value));
      } else {
        plainHeaders.put(name, headerValue(field, value));
      }
    }
    Map<String, Object> plain = new LinkedHashMap<>();
    if (!plainHeaders.isEmpty()) {
      plain.put(HEADERS, plainHeaders);
    }
    Map<String, Object> secrets = new LinkedHashMap<>();
    secrets.put(URL, url.value);
    if (!secretHeaders.isEmpty()) {
      secrets.put(HEADERS, secretHeaders);
    }
    return new Stored(plain, secrets, url.target);
  }

  private static Stored robot(Reader r, boolean signs) {
    Url url = url(r);
    Map<String, Object> secrets = new LinkedHashMap<>();
    secrets.put(URL, url.value);
    if (signs) {
      String secret = r.secret(SECRET, url.target);
      if (secret != null) {
        secrets.put(SECRET, secret);
      }
    }
    return new Stored(new LinkedHashMap<>(), secrets, url.target);
  }

  private static Stored email(Reader r) {
    String host = host(r);
    Destination.SmtpSecurity security =
        r.choice(SECURITY, Destination.SmtpSecurity.class, Destination.SmtpSecurity.STARTTLS);
    int defaultPort =
        switch (security) {
          case STARTTLS -> 587;
          case TLS -> 465;
          case NONE -> 25;
        };
    int port = r.number(PORT, defaultPort, 1, 65535);
    String target = "smtp://" + hostPort(host, port);
    String username = r.text(USERNAME, 256, false);
    String password = r.secret(PASSWORD, target);
    if (password != null && username == null) {
      throw ApiException.badField("settings.username", "is required with a password");
    }
    String from = address("settings.from", r.text(FROM, MAX_ADDRESS, true));
    List<String> to = r.texts(TO, MAX_RECIPIENTS, MAX_ADDRESS);
    if (to.isEmpty()) {
      throw ApiException.badField("settings.to", "give 1 to " + MAX_RECIPIENTS + " addresses");
    }
    List<String> recipients = new ArrayList<>();
    for (String address : to) {
      recipients.add(address("settings.to", address));
    }
    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put(HOST, host);
    plain.put(PORT, port);
    plain.put(SECURITY, Enums.value(security));
    plain.put(USERNAME, username);
    plain.put(FROM, from);
    plain.put(TO, recipients);
    Map<String, Object> secrets = new LinkedHashMap<>();
    if (password != null) {
      secrets.put(PASSWORD, password);
    }
    return new Stored(plain, secrets, target);
  }

  private static Stored syslog(Reader r) {
    String host = host(r);
    int port = r.number(PORT, 514, 1, 65535);
    Destination.Syslog.Transport transport =
        r.choice(PROTOCOL, Destination.Syslog.Transport.class, Destination.Syslog.Transport.UDP);
    Destination.Syslog.Format format =
        r.choice(FORMAT, Destination.Syslog.Format.class, Destination.Syslog.Format.CEF);
    // local0 (16): the facility SIEM collectors are commonly told to expect from applications
    int facility = r.number(FACILITY, 16, 0, 23);
    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put(HOST, host);
    plain.put(PORT, port);
    plain.put(PROTOCOL, Enums.value(transport));
    plain.put(FORMAT, Enums.value(format));
    plain.put(FACILITY, facility);
    String target = Enums.value(transport) + "://" + hostPort(host, port);
    return new Stored(plain, new LinkedHashMap<>(), target);
  }

  private record Url(String value, String target) {}

  /** The URL (a secret: robot tokens are in it) and the target it points at. */
  private static Url url(Reader r) {
    if (r.keeps(URL)) {
      String stored = r.stored(URL);
      if (stored == null) {
        throw ApiException.badField("settings.url", "is required");
      }
      return new Url(stored, origin(URI.create(stored)));
    }
    String text = r.text(URL, MAX_URL, true);
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw ApiException.badField("settings.url", "is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ApiException.badField("settings.url", "must be an http or https URL");
    }
    if (uri.getHost() == null) {
      throw ApiException.badField("settings.url", "must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw ApiException.badField(
          "settings.url", "must not contain credentials; give them as headers");
    }
    if (uri.getRawFragment() != null) {
      throw ApiException.badField("settings.url", "must not have a fragment");
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    refuseLiteral("settings.url", host);
    return new Url(text, origin(uri));
  }

  private static String host(Reader r) {
    String host = r.text(HOST, 253, true);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (IpAddresses.isValid(host)) {
      refuseLiteral("settings.host", host);
    } else if (!HOST_NAME.matcher(host).matches()) {
      throw ApiException.badField("settings.host", "must be a host name or an IP address");
    }
    return host;
  }

  private static void refuseLiteral(String field, String host) {
    InetAddress address = IpAddresses.parse(host);
    String refusal = address == null ? null : OutboundTargets.refusal(address);
    if (refusal != null) {
      throw ApiException.badField(field, "is " + refusal + "; refused");
    }
  }

  private static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static String address(String field, String value) {
    try {
      InternetAddress address = new InternetAddress(value, true);
      address.validate();
      return address.toString();
    } catch (AddressException e) {
      throw ApiException.badField(field, "'" + abbreviate(value) + "' is not an e-mail address");
    }
  }

  private static String headerValue(String field, String value) {
    if (value.length() > MAX_HEADER_VALUE || hasControl(value)) {
      throw ApiException.badField(
          field, "at most " + MAX_HEADER_VALUE + " characters, no line breaks");
    }
    return value.trim();
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static String abbreviate(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }

  private static Map<String, String> stringMap(Object value) {
    Map<String, String> map = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> map.put(k.toString(), v.toString()));
    }
    return map;
  }

  private static List<String> strings(Object value) {
    List<String> list = new ArrayList<>();
    if (value instanceof List<?> l) {
      l.forEach(v -> list.add(v.toString()));
    }
    return list;
  }

  /** Typed access to the given settings, with 400s naming {@code settings.<key>}. */
  private static final class Reader {

    private final Map<String, Object> given;
    private final Previous previous;

    Reader(ChannelType type, Map<String, Object> given, Previous previous) {
      for (String key : given.keySet()) {
        if (!KNOWN.get(type).contains(key)) {
          throw ApiException.badField(
              "settings." + key, "is not a setting of " + Enums.value(type) + " channels");
        }
      }
      this.given = given;
      this.previous = previous;
    }

    /** True when the secret is left out or given as the mask: keep the stored one. */
    boolean keeps(String key) {
      return !given.containsKey(key) || MASK.equals(given.get(key));
    }

    String stored(String key) {
      if (previous != null && previous.unreadable()) {
        throw unreadable("settings." + key);
      }
      return previous == null ? null : (String) previous.secrets().get(key);
    }

    private static ApiException unreadable(String field) {
      return new ApiException(
          NotificationProblem.SECRETS_UNREADABLE,
          field
              + ": the stored secrets cannot be decrypted (was the master key changed?); give"
              + " every secret again");
    }

    /** A stored secret that the request keeps, allowed only while the target stays the same. */
    String kept(String key, String nested, String field, String target) {
      if (previous != null && previous.unreadable()) {
        throw unreadable(field);
      }
      Object stored = previous == null ? null : previous.secrets().get(key);
      Object value = null;
      if (stored instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (e.getKey().toString().equalsIgnoreCase(nested)) {
            value = e.getValue();
          }
        }
      }
      if (value == null) {
        throw ApiException.badField(field, "has no stored value to keep");
      }
      requireSameTarget(field, target);
      return value.toString();
    }

    /** A secret: a new value, the stored one (left out or masked), or none (null or blank). */
    String secret(String key, String target) {
      String field = "settings." + key;
      if (keeps(key)) {
        String stored = stored(key);
        if (stored != null) {
          requireSameTarget(field, target);
        }
        return stored;
      }
      Object value = given.get(key);
      if (value != null && !(value instanceof String)) {
        throw ApiException.badField(field, "must be a string");
      }
      String secret = (String) value;
      if (secret == null || secret.isBlank()) {
        return null;
      }
      if (secret.length() > MAX_SECRET || hasControl(secret)) {
        throw ApiException.badField(
            field, "at most " + MAX_SECRET + " characters, no control characters");
      }
      return secret;
    }

    private void requireSameTarget(String field, String target) {
      if (!Objects.equals(previous.target(), target)) {
        throw ApiException.badField(field, "enter it again: the destination changed");
      }
    }

    String text(String key, int max, boolean required) {
      String field = "settings." + key;
      Object value = given.get(key);
      if (value != null && !(value instanceof String)) {
        throw ApiException.badField(field, "must be a string");
      }
      String text = value == null ? null : ((String) value).trim();
      if (text == null || text.isEmpty()) {
        if (required) {
          throw ApiException.badField(field, "is required");
        }
        return null;
      }
      if (text.length() > max || hasControl(text)) {
        throw ApiException.badField(field, "at most " + max + " characters, no control characters");
      }
      return text;
    }

    int number(String key, int defaultValue, int min, int max) {
      Object value = given.get(key);
      if (value == null) {
        return defaultValue;
      }
      if (!(value instanceof Integer || value instanceof Long)
          || ((Number) value).longValue() < min
          || ((Number) value).longValue() > max) {
        throw ApiException.badField(
            "settings." + key, "must be a whole number from " + min + " to " + max);
      }
      return ((Number) value).intValue();
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
      Object value = given.get(key);
      if (value == null) {
        return defaultValue;
      }
      if (!(value instanceof String text)) {
        throw ApiException.badField("settings." + key, "must be one of " + Enums.allowed(type));
      }
      return Enums.parse(type, "settings." + key, text);
    }

    List<String> texts(String key, int maxItems, int maxLength) {
      Object value = given.get(key);
      if (value == null) {
        return List.of();
      }
      String field = "settings." + key;
      if (!(value instanceof List<?> list) || list.size() > maxItems) {
        throw ApiException.badField(field, "must be a list of at most " + maxItems + " strings");
      }
      List<String> texts = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof String s) || s.isBlank() || s.length() > maxLength) {
          throw ApiException.badField(
              field, "items must be strings of 1 to " + maxLength + " characters");
        }
        texts.add(s.trim());
      }
      return texts;
    }

    Map<String, Object> object(String key, int maxEntries) {
      Object value = given.get(key);
      if (value == null) {
        return Map.of();
      }
      if (!(value instanceof Map<?, ?> map) || map.size() > maxEntries) {
        throw ApiException.badField(
            "settings." + key, "must be an object of at most " + maxEntries + " entries");
      }
      Map<String, Object> entries = new LinkedHashMap<>();
      map.forEach((k, v) -> entries.put(k.toString(), v));
      return entries;
    }
  }
}

package io.hsystem.notifications.internal;

import io.hsystem.alerts.Alert;
import io.hsystem.alerts.AlertChanged;
import io.hsystem.alerts.AlertJson;
import io.hsystem.alerts.AlertStatus;
import io.hsystem.notifications.PublicUrlProperties;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Severity;
import io.hsystem.shared.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.StringJoiner;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the messages say, in each format: Chinese-first text for the robots and e-mail, a JSON
 * document for webhooks and syslog, a CEF record for SIEMs.
 *
 * <p>Titles, host names and rule names can come from attackers (a honeypot login's user name ends
 * up in a title). They are data everywhere: control and bidirectional-override characters become
 * spaces, lengths are bounded, JSON is written by Jackson, CEF values are escaped per the CEF
 * specification, and e-mail subjects are never built from them.
 */
public final class Messages {

  /** Robots' text limit: WeCom refuses text messages over 2048 bytes. */
  public static final int ROBOT_TEXT_BYTES = 2000;

  private static final int MAX_FIELD = 256;
  private static final int DIGEST_LINES = 5;

  private final PublicUrlProperties links;
  private final JsonMapper json;
  private final String version;

  public Messages(PublicUrlProperties links, JsonMapper json, String version) {
    this.links = links;
    this.json = json;
    this.version = version;
  }

  /** The message as text, at most {@code maxBytes} of UTF-8. */
  public String text(Notice notice, int maxBytes) {
    StringBuilder text = new StringBuilder();
    if (notice instanceof Notice.AlertNotice n) {
      Alert a = n.alert();
      text.append(label(a.severity()))
          .append(kindLabel(n.kind()))
          .append(" #")
          .append(a.id())
          .append('\n');
      line(text, "标题", a.title());
      line(
          text,
          "规则",
          a.ruleName() == null ? a.ruleId() : a.ruleName() + "（" + clean(a.ruleId()) + "）");
      line(text, "类型", a.alertType());
      line(text, "源 IP", a.srcIp());
      line(text, "目的 IP", a.dstIp());
      line(text, "主机", a.hostName());
      line(text, "次数", Long.toString(a.count()));
      line(text, "首次发现", Timestamps.format(a.firstSeen()) + " UTC");
      line(text, "最近发现", Timestamps.format(a.lastSeen()) + " UTC");
      line(text, "状态", statusLabel(a.status()));
      if (n.kind() == AlertChanged.Kind.HANDLED) {
        line(text, "处理人", a.assignee());
        line(text, "备注", a.remark());
      }
      line(text, "详情", links.alertLink(a.id()));
    } else if (notice instanceof Notice.DigestNotice d) {
      text.append(label(d.highest()))
          .append("限流汇总：另有 ")
          .append(d.count())
          .append(" 条告警（")
          .append(d.count())
          .append(" more alerts）\n")
          .append("通知频率达到本渠道上限，以下告警合并推送：\n");
      for (Alert a : d.samples().subList(0, Math.min(DIGEST_LINES, d.samples().size()))) {
        text.append("#")
            .append(a.id())
            .append(' ')
            .append(label(a.severity()))
            .append(clean(a.title()))
            .append('\n');
      }
      if (d.count() > DIGEST_LINES) {
        text.append("……\n");
      }
      line(text, "全部告警", links.alertsLink());
    } else if (notice instanceof Notice.TestNotice t) {
      text.append("【测试】H-System 通知测试（test message）\n");
      line(text, "渠道", t.channelName());
      line(text, "发起人", t.requestedBy());
      line(text, "时间", Timestamps.format(t.at()) + " UTC");
      text.append("收到此消息说明渠道配置正确。\n");
    }
    text.append("—— H-System");
    return truncateUtf8(text.toString(), maxBytes);
  }

  /** An e-mail subject, built from fixed words, the severity and ids only. */
  public String subject(Notice notice) {
    if (notice instanceof Notice.AlertNotice n) {
      return "[H-System] "
          + label(n.alert().severity())
          + kindLabel(n.kind())
          + " #"
          + n.alert().id();
    }
    if (notice instanceof Notice.DigestNotice d) {
      return "[H-System] " + label(d.highest()) + "限流汇总：另有 " + d.count() + " 条告警";
    }
    return "[H-System] 通知测试";
  }

  /** The JSON document of webhooks ({@code text} included) and syslog JSON records (without it). */
  public ObjectNode payload(Notice notice, boolean withText) {
    ObjectNode root = json.createObjectNode();
    root.put("source", "h-system");
    if (notice instanceof Notice.AlertNotice n) {
      root.put("type", "alert");
      root.put("kind", Enums.value(n.kind()));
      root.set("alert", json.valueToTree(AlertJson.of(n.alert())));
      root.put("url", links.alertLink(n.alert().id()));
    } else if (notice instanceof Notice.DigestNotice d) {
      root.put("type", "digest");
      ObjectNode digest = root.putObject("digest");
      digest.put("count", d.count());
      digest.put("highest_severity", d.highest().value());
      ArrayNode samples = digest.putArray("alerts");
      for (Alert a : d.samples()) {
        ObjectNode sample = samples.addObject();
        sample.put("id", a.id());
        sample.put("severity", a.severity().value());
        sample.put("title", a.title());
        sample.put("rule_id", a.ruleId());
      }
      root.put("url", links.alertsLink());
    } else if (notice instanceof Notice.TestNotice t) {
      root.put("type", "test");
      root.put("channel", t.channelName());
      root.put("requested_by", t.requestedBy());
      root.put("time", Timestamps.format(t.at()));
    }
    if (withText) {
      root.put("text", text(notice, Integer.MAX_VALUE));
    }
    return root;
  }

  /** The message as a CEF:0 record. */
  public String cef(Notice notice, Instant now) {
    String signature;
    String name;
    Severity severity;
    StringJoiner ext = new StringJoiner(" ");
    ext.add("rt=" + now.toEpochMilli());
    if (notice instanceof Notice.AlertNotice n) {
      Alert a = n.alert();
      signature = a.ruleId() == null ? "hsystem:alert" : a.ruleId();
      name = a.title();
      severity = a.severity();
      ext.add("externalId=" + a.id());
      extension(ext, "act", Enums.value(n.kind()));
      extension(ext, "cat", a.alertType());
      extension(ext, "src", a.srcIp());
      extension(ext, "dst", a.dstIp());
      extension(ext, "dhost", a.hostName());
      ext.add("cnt=" + a.count());
      ext.add("start=" + a.firstSeen().toEpochMilli());
      ext.add("end=" + a.lastSeen().toEpochMilli());
      extension(ext, "cs1Label", "ruleName");
      extension(ext, "cs1", a.ruleName());
      extension(ext, "cs2Label", "status");
      extension(ext, "cs2", Enums.value(a.status()));
      extension(ext, "cs3Label", "detectionSource");
      extension(ext, "cs3", Enums.value(a.detectionSource()));
      if (links.alertLink(a.id()) != null) {
        extension(ext, "cs4Label", "consoleUrl");
        extension(ext, "cs4", links.alertLink(a.id()));
      }
      extension(ext, "msg", a.title());
    } else if (notice instanceof Notice.DigestNotice d) {
      signature = "hsystem:digest";
      name = d.count() + " more alerts (rate limited)";
      severity = d.highest();
      ext.add("cnt=" + d.count());
      StringJoiner ids = new StringJoiner(",");
      d.samples().forEach(a -> ids.add(Long.toString(a.id())));
      extension(ext, "cs1Label", "alertIds");
      extension(ext, "cs1", ids.toString());
      extension(ext, "msg", text(notice, 1023));
    } else {
      Notice.TestNotice t = (Notice.TestNotice) notice;
      signature = "hsystem:test";
      name = "H-System test message";
      severity = Severity.INFO;
      extension(ext, "suser", t.requestedBy());
      extension(ext, "msg", "test of notification channel " + t.channelName());
    }
    return "CEF:0|H-System|H-System|"
        + cefHeader(version)
        + "|"
        + cefHeader(signature)
        + "|"
        + cefHeader(name)
        + "|"
        + cefSeverity(severity)
        + "|"
        + ext;
  }

  /** CEF header fields: backslash and pipe escaped; line breaks are not allowed there at all. */
  static String cefHeader(String value) {
    return plain(value).replace("\\", "\\\\").replace("|", "\\|");
  }

  /**
   * CEF extension values: backslash and equals sign escaped, line breaks written as {@code \n} and
   * {@code \r}, other control characters as spaces.
   */
  static String cefValue(String value) {
    String bounded = value.length() > 1023 ? value.substring(0, 1022) + "…" : value;
    StringBuilder out = new StringBuilder(bounded.length() + 8);
    for (int i = 0; i < bounded.length(); i++) {
      char c = bounded.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '=' -> out.append("\\=");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(isUnsafe(c) ? ' ' : c);
      }
    }
    return out.toString();
  }

  /** CEF's 0–10 scale. */
  static int cefSeverity(Severity severity) {
    return switch (severity) {
      case INFO -> 1;
      case LOW -> 3;
      case MEDIUM -> 5;
      case HIGH -> 8;
      case CRITICAL -> 10;
    };
  }

  /** Syslog's severity (RFC 5424: 2 critical … 6 informational). */
  static int syslogSeverity(Notice notice) {
    Severity severity =
        notice instanceof Notice.AlertNotice n
            ? n.alert().severity()
            : notice instanceof Notice.DigestNotice d ? d.highest() : Severity.INFO;
    return switch (severity) {
      case CRITICAL -> 2;
      case HIGH -> 3;
      case MEDIUM -> 4;
      case LOW -> 5;
      case INFO -> 6;
    };
  }

  private static void extension(StringJoiner ext, String key, String value) {
    if (value != null && !value.isEmpty()) {
      ext.add(key + "=" + cefValue(value));
    }
  }

  private static void line(StringBuilder text, String label, String value) {
    if (value != null && !value.isBlank()) {
      text.append(label).append('：').append(clean(value)).append('\n');
    }
  }

  /**
   * One line of attacker-controllable text: bounded, control and bidirectional-override characters
   * as spaces, and angle brackets made full-width so that no robot reads them as markup (Feishu
   * turns {@code <at user_id="all">} into a mention of everyone).
   */
  static String clean(String value) {
    return plain(value).replace('<', '＜').replace('>', '＞');
  }

  /** Bounded, control and bidirectional-override characters as spaces. */
  static String plain(String value) {
    if (value == null) {
      return "";
    }
    String bounded = value.length() > MAX_FIELD ? value.substring(0, MAX_FIELD - 1) + "…" : value;
    StringBuilder out = new StringBuilder(bounded.length());
    for (int i = 0; i < bounded.length(); i++) {
      char c = bounded.charAt(i);
      out.append(isUnsafe(c) ? ' ' : c);
    }
    return out.toString();
  }

  private static boolean isUnsafe(char c) {
    return Character.isISOControl(c)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }

  private static String truncateUtf8(String text, int maxBytes) {
    if (text.length() * 3L <= maxBytes
        || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    int budget = maxBytes - 3; // room for the ellipsis
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > budget) {
        break;
      }
      bytes += size;
      end += Character.charCount(cp);
    }
    return text.substring(0, end) + "…";
  }

  private static String label(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "【严重】";
      case HIGH -> "【高危】";
      case MEDIUM -> "【中危】";
      case LOW -> "【低危】";
      case INFO -> "【提示】";
    };
  }

  private static String kindLabel(AlertChanged.Kind kind) {
    return switch (kind) {
      case CREATED -> "新告警";
      case REPEATED -> "告警再次出现";
      case HANDLED -> "告警处理状态变更";
    };
  }

  private static String statusLabel(AlertStatus status) {
    return switch (status) {
      case UNHANDLED -> "未处理";
      case HANDLING -> "处理中";
      case HANDLED -> "已处理";
      case IGNORED -> "已忽略";
    };
  }
}

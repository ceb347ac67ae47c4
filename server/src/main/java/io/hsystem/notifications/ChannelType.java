package io.hsystem.notifications;

/** Where a channel delivers, and so which settings it takes. */
public enum ChannelType {
  /** A JSON document POSTed to any HTTP(S) endpoint. */
  WEBHOOK,
  /** A DingTalk group robot (text message, optional {@code timestamp}+{@code sign} signing). */
  DINGTALK,
  /** A WeCom (企业微信) group robot (text message; the key is in the URL). */
  WECOM,
  /** A Feishu (飞书) custom bot (text message, optional {@code timestamp}+{@code sign} signing). */
  FEISHU,
  /** E-mail over SMTP. */
  EMAIL,
  /** Syslog over UDP or TCP, CEF or RFC 5424 with a JSON message, for a SIEM. */
  SYSLOG
}

/**
 * Alert notifications (issue 4): channels that forward alert changes to outside systems — generic
 * JSON webhooks, DingTalk, WeCom and Feishu robots, e-mail over SMTP, syslog (CEF or RFC 5424 JSON)
 * to a SIEM — each with its filter, its rate limit (the excess folded into digests), a test button
 * and delivery statistics. Channel secrets are stored encrypted and never shown (ADR 010).
 */
@ApplicationModule(allowedDependencies = {"shared", "audit", "alerts", "secrets"})
package io.hsystem.notifications;

import org.springframework.modulith.ApplicationModule;

package io.hsystem.notifications.internal;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * E-mail over SMTP (Jakarta Mail): a plain-text UTF-8 message whose subject is built from fixed
 * words, the severity and the alert id only, so that no alert text can reach a header.
 */
public final class SmtpSender implements Sender {

  private static final int MAX_TEXT_BYTES = 16 * 1024;
  private static final int MAX_DETAIL = 300;

  private final Duration timeout;
  private final Messages messages;
  private final Clock clock;

  public SmtpSender(Duration timeout, Messages messages, Clock clock) {
    this.timeout = timeout;
    this.messages = messages;
    this.clock = clock;
  }

  @Override
  public void send(ChannelConfig channel, Notice notice) throws DeliveryException {
    Destination.Smtp smtp = (Destination.Smtp) channel.destination();
    OutboundTargets.resolve(smtp.host());
    String server = "SMTP server " + smtp.host() + ":" + smtp.port();
    Session session = Session.getInstance(properties(smtp));
    try (Transport transport = session.getTransport("smtp")) {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(smtp.from(), true));
      InternetAddress[] to = new InternetAddress[smtp.to().size()];
      for (int i = 0; i < to.length; i++) {
        to[i] = new InternetAddress(smtp.to().get(i), true);
      }
      message.setRecipients(Message.RecipientType.TO, to);
      message.setSubject(messages.subject(notice), "UTF-8");
      message.setSentDate(Date.from(clock.instant()));
      // RFC 3834: tells mail systems not to answer it with vacation or bounce replies
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setText(messages.text(notice, MAX_TEXT_BYTES), "UTF-8");
      transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
      transport.sendMessage(message, to);
    } catch (AuthenticationFailedException e) {
      throw DeliveryException.permanent(server + " refused the login: " + detail(e));
    } catch (AddressException e) {
      throw DeliveryException.permanent("invalid address: " + detail(e));
    } catch (MessagingException e) {
      int code = replyCode(e);
      String text = server + ": " + detail(e);
      if (code >= 400 && code < 500 || code < 0 && causedByIo(e)) {
        throw DeliveryException.retryable(text);
      }
      throw DeliveryException.permanent(text);
    }
  }

  private Properties properties(Destination.Smtp smtp) {
    String millis = Long.toString(timeout.toMillis());
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", smtp.host());
    p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
    p.setProperty("mail.smtp.connectiontimeout", millis);
    p.setProperty("mail.smtp.timeout", millis);
    p.setProperty("mail.smtp.writetimeout", millis);
    p.setProperty("mail.smtp.localhost", LocalHost.name());
    p.setProperty("mail.smtp.auth", Boolean.toString(smtp.username() != null));
    switch (smtp.security()) {
      case STARTTLS -> {
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case TLS -> {
        p.setProperty("mail.smtp.ssl.enable", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case NONE -> {}
    }
    return p;
  }

  /** The SMTP reply code of a refusal, or -1 when the failure was not a reply. */
  private static int replyCode(MessagingException e) {
    for (Exception x = e; x != null; ) {
      if (x instanceof SMTPSendFailedException f) {
        return f.getReturnCode();
      }
      if (x instanceof SMTPAddressFailedException f) {
        return f.getReturnCode();
      }
      if (x instanceof SMTPSenderFailedException f) {
        return f.getReturnCode();
      }
      x = x instanceof MessagingException m ? m.getNextException() : null;
    }
    return -1;
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String detail(Exception e) {
    String message = Messages.plain(e.getMessage() == null ? "no detail" : e.getMessage());
    return message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) : message;
  }
}

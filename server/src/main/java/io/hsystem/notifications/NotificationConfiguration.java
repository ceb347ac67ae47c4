package io.hsystem.notifications;

import io.hsystem.notifications.internal.ChannelCatalog;
import io.hsystem.notifications.internal.ChannelRepository;
import io.hsystem.notifications.internal.HttpSender;
import io.hsystem.notifications.internal.Messages;
import io.hsystem.notifications.internal.NotificationDispatcher;
import io.hsystem.notifications.internal.SecretBox;
import io.hsystem.notifications.internal.Sender;
import io.hsystem.notifications.internal.SmtpSender;
import io.hsystem.notifications.internal.SyslogSender;
import io.hsystem.shared.DataDirectory;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** The delivery side: secrets, the channel catalog, the senders and the dispatcher. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

  @Bean
  SecretBox notificationSecretBox(Environment environment, DataDirectory data, JsonMapper json) {
    // the same variable that decrypts ENC(...) configuration values
    return new SecretBox(environment.getProperty("HSYSTEM_MASTER_KEY"), data, json);
  }

  @Bean
  ChannelCatalog channelCatalog(ChannelRepository repository, SecretBox secrets, JsonMapper json) {
    return new ChannelCatalog(repository, secrets, json);
  }

  @Bean(destroyMethod = "close")
  NotificationDispatcher notificationDispatcher(
      ChannelCatalog catalog,
      ChannelRepository repository,
      NotificationProperties properties,
      PublicUrlProperties links,
      ObjectProvider<BuildProperties> build,
      JsonMapper json,
      Clock clock) {
    BuildProperties info = build.getIfAvailable();
    String version = info == null || info.getVersion() == null ? "dev" : info.getVersion();
    Messages messages = new Messages(links, json, version);
    HttpSender http = new HttpSender(properties.timeout(), messages, json, clock, version);
    Map<ChannelType, Sender> senders =
        Map.of(
            ChannelType.WEBHOOK, http,
            ChannelType.DINGTALK, http,
            ChannelType.WECOM, http,
            ChannelType.FEISHU, http,
            ChannelType.EMAIL, new SmtpSender(properties.timeout(), messages, clock),
            ChannelType.SYSLOG, new SyslogSender(properties.timeout(), messages, json, clock));
    return new NotificationDispatcher(catalog, senders, repository, properties, clock);
  }
}

package io.hsystem.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hsystem.shared.DataDirectory;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** The connection pool, on the external PostgreSQL or on the embedded one. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedPostgresServer embeddedPostgres(DatabaseProperties properties, DataDirectory data)
      throws IOException {
    if (!properties.embedded()) {
      return null;
    }
    return EmbeddedPostgresServer.start(
        DatabaseProperties.embeddedDataDirectory(data.root()), properties.embeddedPort());
  }

  @Bean(destroyMethod = "close")
  @DependsOn("embeddedPostgres") // closed before the database it points at
  HikariDataSource dataSource(
      DatabaseProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
    HikariConfig config = new HikariConfig();
    if (properties.embedded()) {
      config.setJdbcUrl(embedded.getObject().jdbcUrl());
      config.setUsername("postgres");
    } else {
      config.setJdbcUrl(properties.url());
      config.setUsername(properties.user());
      config.setPassword(properties.password());
    }
    config.setPoolName("hsystem");
    config.setMaximumPoolSize(properties.poolSize());
    return new HikariDataSource(config);
  }
}

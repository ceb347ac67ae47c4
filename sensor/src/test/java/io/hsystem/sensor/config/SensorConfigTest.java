package io.hsystem.sensor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SensorConfigTest {

  @Test
  void defaultsAreValidAndUseTheSingleServerHighPorts() {
    SensorConfig config = SensorConfig.defaults().validated();
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.services())
        .extracting(ServiceConfig::name, ServiceConfig::port)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ssh", 2222),
            org.assertj.core.groups.Tuple.tuple("telnet", 2323),
            org.assertj.core.groups.Tuple.tuple("http", 8080),
            org.assertj.core.groups.Tuple.tuple("ftp", 2121),
            org.assertj.core.groups.Tuple.tuple("mysql", 3307),
            org.assertj.core.groups.Tuple.tuple("redis", 6380),
            org.assertj.core.groups.Tuple.tuple("generic", 5901));
    assertThat(config.limits()).isEqualTo(new Limits(1000, 20, 65536, 60, 30, 6, 3, 60));
    assertThat(config.service("ssh").banner()).isEqualTo("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6");
  }

  @Test
  void jsonRoundTripsWithSnakeCaseKeys() {
    SensorConfig config =
        SensorConfig.defaults()
            .withService("http", s -> s.withOption("template", "oa"))
            .withLimits(l -> l.withMaxConnections(50, 5));
    String json = config.toJson();
    assertThat(json).contains("\"bind_address\"").contains("\"max_connections_per_source\" : 5");
    assertThat(SensorConfig.fromJson(json)).isEqualTo(config);
  }

  @Test
  void everyProblemIsListedWithItsPath() {
    SensorConfig bad =
        new SensorConfig(
            "localhost",
            "",
            List.of(
                ServiceConfig.defaults("ssh").withPort(70000),
                ServiceConfig.defaults("ftp").withPort(8080),
                ServiceConfig.defaults("http"),
                new ServiceConfig("smtp", true, 25, null, null, null),
                ServiceConfig.defaults("http").withOption("template", "nope").withPort(1),
                ServiceConfig.defaults("redis").withOption("colour", "red")),
            Limits.defaults().withMaxConnections(10, 20));
    assertThatThrownBy(bad::validated)
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "bind_address: 'localhost' is not an IPv4 or IPv6 address",
                        "data_dir: required (the SSH host key is kept there)",
                        "limits.max_connections_per_source: 20 is more than limits.max_connections (10)",
                        "services[0].port: 70000 is not between 0 and 65535",
                        "services[2].port: 8080 is already used by ftp",
                        "services[3].name: 'smtp' is not one of [ssh, telnet, http, ftp, mysql, redis, generic]",
                        "services[4].options.template: 'nope' is not one of [router, oa]"
                            .replace("[router, oa]", ServiceConfig.HTTP_TEMPLATES.toString()),
                        "services[4].name: 'http' appears twice",
                        "services[5].options.colour: unknown for redis (known: [])"));
  }

  @Test
  void badJsonAndBadBannersAreRefusedClearly() {
    assertThatThrownBy(() -> SensorConfig.fromJson("{\"bind_adress\": \"0.0.0.0\"}"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("bind_adress");
    assertThatThrownBy(
            () ->
                SensorConfig.defaults()
                    .withService("ssh", s -> s.withBanner("OpenSSH"))
                    .validated())
        .hasMessageContaining("services[0].banner: must look like 'SSH-2.0-");
    assertThatThrownBy(
            () -> SensorConfig.defaults().withLimits(l -> l.withTimeouts(0, 30)).validated())
        .hasMessageContaining("limits.session_timeout_seconds: 0 is not between 1 and 86400");
    assertThatThrownBy(
            () ->
                SensorConfig.defaults()
                    .withService("telnet", s -> s.withCredentials(List.of(new Credential("", "x"))))
                    .validated())
        .hasMessageContaining("services[1].credentials[0]: username and password are required");
  }
}

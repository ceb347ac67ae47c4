package io.hsystem.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

class SpaFallbackTest {

  @TempDir Path dir;

  @Test
  void consoleRoutesAreEverythingButTheApiActuatorAndFileNames() {
    assertThat(SpaFallbackConfiguration.SpaResolver.isConsoleRoute("alerts")).isTrue();
    assertThat(SpaFallbackConfiguration.SpaResolver.isConsoleRoute("/assets/12")).isTrue();
    assertThat(SpaFallbackConfiguration.SpaResolver.isConsoleRoute("system")).isTrue();
    assertThat(SpaFallbackConfiguration.SpaResolver.isConsoleRoute("api/v1/nothing")).isFalse();
    assertThat(SpaFallbackConfiguration.SpaResolver.isConsoleRoute("api")).isFalse();
    assertThat(SpaFallbackConfiguration.SpaResolver.isConsoleRoute("actuator/health")).isFalse();
    assertThat(SpaFallbackConfiguration.SpaResolver.isConsoleRoute("assets/missing-chunk.js"))
        .isFalse();
  }

  @Test
  void aMissingConsoleRouteAnswersIndexHtmlAndExistingFilesThemselves() throws Exception {
    Files.writeString(dir.resolve("index.html"), "<html></html>");
    Files.createDirectories(dir.resolve("assets"));
    Files.writeString(dir.resolve("assets/app.js"), "x");
    Resource index = new FileSystemResource(dir.resolve("index.html"));
    var resolver = new SpaFallbackConfiguration.SpaResolver(index);
    Resource location = new FileSystemResource(dir.toString() + "/");

    assertThat(resolver.getResource("assets/app.js", location).getFilename()).isEqualTo("app.js");
    assertThat(resolver.getResource("alerts", location)).isEqualTo(index);
    assertThat(resolver.getResource("api/v1/unknown", location)).isNull();
    assertThat(resolver.getResource("assets/gone.js", location)).isNull();
  }
}

package io.hsystem.hunting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Installs the hunting templates we ship ({@code hunting/templates.json}) on every start. */
@Component
public class TemplateLibrary implements ApplicationRunner {

  static final String RESOURCE = "/hunting/templates.json";

  private final TemplateService templates;
  private final JsonMapper json;

  TemplateLibrary(TemplateService templates, JsonMapper json) {
    this.templates = templates;
    this.json = json;
  }

  /** The shipped templates. */
  public static List<TemplateDraft> load(JsonMapper json) {
    try (InputStream in = TemplateLibrary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return json.readValue(in, new TypeReference<List<TemplateDraft>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void run(ApplicationArguments args) {
    load(json).forEach(templates::installBuiltin);
  }
}

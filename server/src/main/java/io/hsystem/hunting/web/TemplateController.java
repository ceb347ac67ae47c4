package io.hsystem.hunting.web;

import io.hsystem.audit.Audited;
import io.hsystem.hunting.HuntingTemplate;
import io.hsystem.hunting.TemplateDraft;
import io.hsystem.hunting.TemplateService;
import io.hsystem.shared.Page;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/hunting/templates")
class TemplateController {

  private final TemplateService templates;

  TemplateController(TemplateService templates) {
    this.templates = templates;
  }

  record TemplateRequest(
      String name,
      String description,
      String query,
      @Size(max = 14) List<String> tactics,
      @Size(max = 50) List<String> techniques) {

    TemplateDraft toDraft() {
      return new TemplateDraft(name, description, query, tactics, techniques);
    }
  }

  record TemplateResponse(
      long id,
      String name,
      String description,
      String query,
      List<String> tactics,
      List<String> techniques,
      Long createBy,
      boolean builtin,
      String createdAt,
      String updatedAt) {

    static TemplateResponse of(HuntingTemplate t) {
      return new TemplateResponse(
          t.id(),
          t.name(),
          t.description(),
          t.query(),
          t.tactics(),
          t.techniques(),
          t.createBy(),
          t.builtin(),
          Timestamps.format(t.createdAt()),
          Timestamps.format(t.updatedAt()));
    }
  }

  @GetMapping
  @RequirePermission(Permissions.HUNTING_READ)
  Page<TemplateResponse> list() {
    List<TemplateResponse> items = templates.list().stream().map(TemplateResponse::of).toList();
    return new Page<>(items.size(), items);
  }

  @GetMapping("/{id}")
  @RequirePermission(Permissions.HUNTING_READ)
  TemplateResponse get(@PathVariable long id) {
    return TemplateResponse.of(templates.get(id));
  }

  @PostMapping
  @RequirePermission(Permissions.HUNTING_WRITE)
  @Audited(action = "hunting.template_create", targetType = "hunting_template")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@Valid @RequestBody TemplateRequest body) {
    HuntingTemplate created = templates.create(body.toDraft(), CurrentUser.require().id());
    return Map.of("id", created.id(), "success", true);
  }

  @PutMapping("/{id}")
  @RequirePermission(Permissions.HUNTING_WRITE)
  @Audited(action = "hunting.template_update", targetType = "hunting_template")
  TemplateResponse update(@PathVariable long id, @Valid @RequestBody TemplateRequest body) {
    return TemplateResponse.of(templates.update(id, body.toDraft()));
  }

  @DeleteMapping("/{id}")
  @RequirePermission(Permissions.HUNTING_WRITE)
  @Audited(action = "hunting.template_delete", targetType = "hunting_template")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable long id) {
    templates.delete(id);
  }
}

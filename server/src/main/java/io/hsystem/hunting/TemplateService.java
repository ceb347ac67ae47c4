package io.hsystem.hunting;

import io.hsystem.audit.AuditContext;
import io.hsystem.hunting.internal.TemplateRepository;
import io.hsystem.shared.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Hunting templates: the shipped library (read-only) and the team's own. */
@Service
public class TemplateService {

  static final int MAX_NAME = 255;
  static final int MAX_DESCRIPTION = 4096;

  private final TemplateRepository repository;
  private final Clock clock;

  TemplateService(TemplateRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<HuntingTemplate> list() {
    return repository.list();
  }

  @Transactional(readOnly = true)
  public HuntingTemplate get(long id) {
    return repository.find(id).orElseThrow(() -> notFound(id));
  }

  @Transactional
  public HuntingTemplate create(TemplateDraft draft, Long createBy) {
    TemplateDraft v = validate(draft);
    long id;
    try {
      id =
          repository.insert(
              v.name(),
              v.description(),
              v.query(),
              v.tactics(),
              v.techniques(),
              createBy,
              false,
              clock.instant());
    } catch (DuplicateKeyException e) {
      throw nameTaken(v.name());
    }
    AuditContext.target(id);
    AuditContext.detail("name", v.name());
    return get(id);
  }

  @Transactional
  public HuntingTemplate update(long id, TemplateDraft draft) {
    HuntingTemplate existing = get(id);
    if (existing.builtin()) {
      throw new ApiException(
          HuntingProblem.TEMPLATE_BUILTIN, "built-in templates cannot be changed; save a copy");
    }
    TemplateDraft v = validate(draft);
    try {
      repository.update(
          id, v.name(), v.description(), v.query(), v.tactics(), v.techniques(), clock.instant());
    } catch (DuplicateKeyException e) {
      throw nameTaken(v.name());
    }
    return get(id);
  }

  @Transactional
  public void delete(long id) {
    HuntingTemplate existing = get(id);
    if (existing.builtin()) {
      throw new ApiException(
          HuntingProblem.TEMPLATE_BUILTIN, "built-in templates cannot be deleted");
    }
    AuditContext.detail("name", existing.name());
    repository.delete(id);
  }

  /** Adds or refreshes a built-in template by name (the shipped library). */
  @Transactional
  public void installBuiltin(TemplateDraft draft) {
    TemplateDraft v = validate(draft);
    var existing = repository.findByName(v.name());
    if (existing.isEmpty()) {
      repository.insert(
          v.name(),
          v.description(),
          v.query(),
          v.tactics(),
          v.techniques(),
          null,
          true,
          clock.instant());
    } else if (existing.get().builtin()
        && (!existing.get().query().equals(v.query())
            || !existing.get().tactics().equals(v.tactics())
            || !existing.get().techniques().equals(v.techniques())
            || !java.util.Objects.equals(existing.get().description(), v.description()))) {
      repository.update(
          existing.get().id(),
          v.name(),
          v.description(),
          v.query(),
          v.tactics(),
          v.techniques(),
          clock.instant());
    }
  }

  /**
   * Checks and normalises a draft: the query must parse, tactics and techniques must be ATT&CK's.
   */
  static TemplateDraft validate(TemplateDraft d) {
    String name = d.name() == null ? "" : d.name().trim();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw ApiException.badField("name", "is required, at most " + MAX_NAME + " characters");
    }
    if (d.description() != null && d.description().length() > MAX_DESCRIPTION) {
      throw ApiException.badField("description", "at most " + MAX_DESCRIPTION + " characters");
    }
    if (d.query() == null || d.query().isBlank()) {
      throw ApiException.badField("query", "is required");
    }
    HuntingService.parse(d.query());
    LinkedHashSet<String> tactics = new LinkedHashSet<>();
    for (String tactic : d.tactics() == null ? List.<String>of() : d.tactics()) {
      String shortName = AttackTactics.normalise(tactic);
      if (shortName == null) {
        throw ApiException.badField(
            "tactics",
            "'" + tactic + "' is not an ATT&CK tactic; use one of " + AttackTactics.allowed());
      }
      tactics.add(shortName);
    }
    LinkedHashSet<String> techniques = new LinkedHashSet<>();
    for (String technique : d.techniques() == null ? List.<String>of() : d.techniques()) {
      String id = technique == null ? null : technique.trim().toUpperCase(Locale.ROOT);
      if (!AttackTactics.isTechniqueId(id)) {
        throw ApiException.badField(
            "techniques", "'" + technique + "' is not a technique id such as T1059.001");
      }
      techniques.add(id);
    }
    return new TemplateDraft(
        name,
        d.description(),
        d.query().trim(),
        new ArrayList<>(tactics),
        new ArrayList<>(techniques));
  }

  private static ApiException notFound(long id) {
    return new ApiException(HuntingProblem.TEMPLATE_NOT_FOUND, "no hunting template with id " + id);
  }

  private static ApiException nameTaken(String name) {
    return new ApiException(
        HuntingProblem.TEMPLATE_NAME_TAKEN, "a template named '" + name + "' exists");
  }
}

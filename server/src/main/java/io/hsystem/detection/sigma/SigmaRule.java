package io.hsystem.detection.sigma;

import io.hsystem.shared.Severity;
import java.util.List;

/**
 * A loaded Sigma detection rule: its metadata as written, and its detection compiled for H-System's
 * canonical events. Immutable; run it through a {@link SigmaRuleSet}.
 *
 * <p>The Detection Rule License (DRL 1.1) of SigmaHQ rules asks that the {@link #author()} be
 * credited wherever a match is shown.
 */
public final class SigmaRule {

  private final String id;
  private final String name;
  private final String title;
  private final String description;
  private final String author;
  private final String date;
  private final String modified;
  private final String status;
  private final Severity level;
  private final List<String> tags;
  private final List<String> tactics;
  private final List<String> techniques;
  private final List<String> references;
  private final List<String> falsePositives;
  private final SigmaLogsource logsource;
  private final String source;
  private final String yaml;
  private final Expr detection;
  private final LogsourceTarget target;

  SigmaRule(Metadata meta, SigmaLogsource logsource, Expr detection, LogsourceTarget target) {
    this.id = meta.id();
    this.name = meta.name();
    this.title = meta.title();
    this.description = meta.description();
    this.author = meta.author();
    this.date = meta.date();
    this.modified = meta.modified();
    this.status = meta.status();
    this.level = meta.level() == null ? Severity.MEDIUM : meta.level();
    this.tags = meta.tags();
    this.tactics = AttackTags.tactics(meta.tags());
    this.techniques = AttackTags.techniques(meta.tags());
    this.references = meta.references();
    this.falsePositives = meta.falsePositives();
    this.logsource = logsource;
    this.source = meta.source();
    this.yaml = meta.yaml();
    this.detection = detection;
    this.target = target;
  }

  /** The rule's id (a UUID in SigmaHQ rules), or null when it has none. */
  public String id() {
    return id;
  }

  /** The optional {@code name} correlation rules may refer to it by, or null. */
  public String name() {
    return name;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  /** Who wrote the rule; credit it where a match is shown (DRL 1.1). */
  public String author() {
    return author;
  }

  /** Creation date as written ({@code YYYY-MM-DD}), or null. */
  public String date() {
    return date;
  }

  /** Last modification date as written, or null. */
  public String modified() {
    return modified;
  }

  /** stable, test, experimental, deprecated or unsupported; null when absent. */
  public String status() {
    return status;
  }

  /**
   * The rule's level as a severity ({@code informational} → info); Sigma leaves level optional, and
   * a rule without one is medium.
   */
  public Severity level() {
    return level;
  }

  public List<String> tags() {
    return tags;
  }

  /** ATT&amp;CK tactics from {@code attack.<tactic>} tags, e.g. {@code execution}. */
  public List<String> tactics() {
    return tactics;
  }

  /** ATT&amp;CK technique ids from {@code attack.t…} tags, e.g. {@code T1059.001}. */
  public List<String> techniques() {
    return techniques;
  }

  public List<String> references() {
    return references;
  }

  public List<String> falsePositives() {
    return falsePositives;
  }

  public SigmaLogsource logsource() {
    return logsource;
  }

  /** The file the rule came from, relative to the loaded folder or archive. */
  public String source() {
    return source;
  }

  /** The rule's YAML document exactly as loaded. */
  public String yaml() {
    return yaml;
  }

  Expr detection() {
    return detection;
  }

  LogsourceTarget target() {
    return target;
  }

  @Override
  public String toString() {
    return "SigmaRule{" + (id != null ? id : name) + ", " + title + "}";
  }

  /** The descriptive part of a rule document, as read by the loader. */
  record Metadata(
      String id,
      String name,
      String title,
      String description,
      String author,
      String date,
      String modified,
      String status,
      Severity level,
      List<String> tags,
      List<String> references,
      List<String> falsePositives,
      String source,
      String yaml) {}
}

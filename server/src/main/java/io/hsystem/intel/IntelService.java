package io.hsystem.intel;

import io.hsystem.audit.AuditContext;
import io.hsystem.intel.internal.IocRepository;
import io.hsystem.intel.internal.IocValues;
import io.hsystem.intel.internal.IpAddress;
import io.hsystem.intel.internal.importer.Candidate;
import io.hsystem.intel.internal.importer.CsvImporter;
import io.hsystem.intel.internal.importer.ImportRecord;
import io.hsystem.intel.internal.importer.IocImporter;
import io.hsystem.intel.internal.importer.MalformedImportException;
import io.hsystem.intel.internal.importer.MispEventImporter;
import io.hsystem.intel.internal.importer.PlainListImporter;
import io.hsystem.intel.internal.importer.StixBundleImporter;
import io.hsystem.intel.internal.importer.TooManyRecordsException;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import io.hsystem.shared.Severity;
import io.hsystem.shared.Timestamps;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Threat intelligence's façade: the indicator store (list, read, create, update, delete, delete a
 * whole source), imports, lookups, and the recording of honeypot attackers. Every change reaches
 * {@link IocMatcher} once committed: at once for changes by users, within {@code
 * hsystem.intel.honeypot-refresh-delay} for honeypot recordings.
 */
@Service
public class IntelService {

  /** Source of indicators created by hand. */
  public static final String MANUAL = "manual";

  /** Source of the attackers the honeypots record; reserved for them. */
  public static final String HONEYPOT = "honeypot";

  static final String HONEYPOT_DESCRIPTION = "attacked a honeypot";

  private final IocRepository repository;
  private final IocMatcher matcher;
  private final IntelProperties properties;
  private final TransactionTemplate transactions;
  private final Clock clock;

  IntelService(
      IocRepository repository,
      IocMatcher matcher,
      IntelProperties properties,
      TransactionTemplate transactions,
      Clock clock) {
    this.repository = repository;
    this.matcher = matcher;
    this.properties = properties;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Page<Ioc> list(IocQuery query, PageQuery page) {
    String text = query.text() == null || query.text().isBlank() ? null : query.text().strip();
    String source =
        query.source() == null || query.source().isBlank()
            ? null
            : sourceOf("source", query.source());
    var filter = new IocRepository.Filter(query.type(), source, text, query.status());
    Instant now = clock.instant();
    IocSort sort = query.sort() == null ? IocSort.ID : query.sort();
    return new Page<>(
        repository.count(filter, now),
        repository.list(filter, sort, query.descending(), page.size(), page.offset(), now));
  }

  @Transactional(readOnly = true)
  public Ioc get(long id) {
    return repository.find(id).orElseThrow(() -> notFound(id));
  }

  /** Stores an indicator; {@code createdBy} is the user's id. */
  @Transactional
  public Ioc create(IocDraft draft, Long createdBy) {
    IocRepository.Fields fields = validate(draft, null);
    long id;
    try {
      id = repository.insert(fields, createdBy, clock.instant());
    } catch (DuplicateKeyException e) {
      throw duplicate(fields);
    }
    AuditContext.target(id);
    AuditContext.detail("type", Enums.value(fields.type()));
    AuditContext.detail("value", fields.value());
    AuditContext.detail("source", fields.source());
    refreshMatcherAfterCommit();
    return get(id);
  }

  /** Replaces an indicator's fields; a null source keeps the current one. */
  @Transactional
  public Ioc update(long id, IocDraft draft) {
    Ioc current = get(id);
    IocRepository.Fields fields = validate(draft, current.source());
    try {
      repository.update(id, fields, clock.instant());
    } catch (DuplicateKeyException e) {
      throw duplicate(fields);
    }
    AuditContext.detail("value", fields.value());
    refreshMatcherAfterCommit();
    return get(id);
  }

  @Transactional
  public void delete(long id) {
    Ioc ioc = get(id);
    repository.delete(id);
    AuditContext.detail("type", Enums.value(ioc.type()));
    AuditContext.detail("value", ioc.value());
    AuditContext.detail("source", ioc.source());
    refreshMatcherAfterCommit();
  }

  /** Every source with its number of indicators, by name. */
  @Transactional(readOnly = true)
  public List<IocSourceSummary> sources() {
    return repository.sources(clock.instant());
  }

  /** Deletes every indicator of a source; returns how many there were. */
  @Transactional
  public int deleteSource(String source) {
    String name = sourceOf("source", source);
    int deleted = repository.deleteBySource(name);
    AuditContext.target(name);
    AuditContext.detail("deleted", deleted);
    refreshMatcherAfterCommit();
    return deleted;
  }

  /**
   * Imports indicators into {@code source}: each record is validated whole and stored, or rejected
   * with its reason while the others are kept; an indicator the source already has is updated
   * (fields replaced, first_seen kept). Nothing is written when the input as a whole is unreadable
   * (400 {@code intel.import_malformed}) or too large (413 {@code intel.import_too_large}).
   *
   * @param body the UTF-8 input, at most {@code hsystem.intel.import-max-bytes}
   * @param defaultConfidence for records without one; null takes {@code
   *     hsystem.intel.default-confidence}
   * @param importedBy the user's id
   */
  public ImportReport importIocs(
      ImportFormat format, String source, Integer defaultConfidence, byte[] body, Long importedBy) {
    if (format == null) {
      throw ApiException.badField(
          "format", "is required, one of " + Enums.allowed(ImportFormat.class));
    }
    String name = writableSource(source == null ? "" : source);
    int confidence = confidence(defaultConfidence);
    if (body.length > properties.importMaxBytes()) {
      throw new ApiException(
          IntelProblem.IMPORT_TOO_LARGE,
          "an import is at most " + properties.importMaxBytes() + " bytes");
    }
    List<ImportRecord> records = read(format, text(body));
    ImportReport report =
        transactions.execute(status -> store(format, name, confidence, records, importedBy));
    AuditContext.target(name);
    AuditContext.detail("format", Enums.value(format));
    AuditContext.detail("records", report.records());
    AuditContext.detail("accepted", report.accepted());
    AuditContext.detail("updated", report.updated());
    AuditContext.detail("skipped", report.skipped());
    AuditContext.detail("rejected", report.rejected());
    return report;
  }

  /** What the matcher says about one value: its type, canonical form and the indicators it hits. */
  public IocLookup lookup(String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.badField("value", "is required");
    }
    IocValues.Normalized n;
    try {
      n = IocValues.parse(null, value);
    } catch (IocValues.InvalidIocException e) {
      throw ApiException.badField("value", e.getMessage());
    }
    return new IocLookup(n.type(), n.value(), matcher.lookup(n.type(), n.value()));
  }

  /**
   * Records the attackers the honeypots saw as indicators of source {@code honeypot}: confidence
   * {@code hsystem.intel.honeypot-confidence}, expiring {@code hsystem.intel.honeypot-ttl} after
   * the latest attack, one more sighting per call for each known attacker. One statement per 2,000
   * addresses. Values that are not IP addresses, and loopback and unspecified addresses, are
   * skipped.
   *
   * @param lastSeen attacker IP → time of its latest attack in this batch
   * @return the number of attackers recorded
   */
  @Transactional
  public int recordHoneypotAttackers(Map<String, Instant> lastSeen) {
    Map<String, Instant> byIp = new LinkedHashMap<>();
    lastSeen.forEach(
        (text, seen) -> {
          Objects.requireNonNull(seen, "time of the attack");
          IpAddress ip = text == null ? null : IpAddress.parse(text.strip());
          if (ip != null && !ip.isLoopback() && !ip.isUnspecified()) {
            byIp.merge(ip.toString(), seen, (a, b) -> a.isAfter(b) ? a : b);
          }
        });
    if (byIp.isEmpty()) {
      return 0;
    }
    List<IocRepository.Sighting> sightings = new ArrayList<>(byIp.size());
    byIp.forEach(
        (ip, seen) ->
            sightings.add(
                new IocRepository.Sighting(ip, seen, seen.plus(properties.honeypotTtl()))));
    repository.recordSightings(
        sightings, properties.honeypotConfidence(), HONEYPOT_DESCRIPTION, clock.instant());
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            matcher.refreshWithin(properties.honeypotRefreshDelay());
          }
        });
    return byIp.size();
  }

  // ---- imports

  private List<ImportRecord> read(ImportFormat format, String text) {
    int max = properties.importMaxRecords();
    IocImporter importer =
        switch (format) {
          case LIST -> new PlainListImporter(max);
          case CSV -> new CsvImporter(max);
          case STIX -> new StixBundleImporter(max);
          case MISP -> new MispEventImporter(max);
        };
    try {
      return importer.read(text);
    } catch (MalformedImportException e) {
      throw new ApiException(IntelProblem.IMPORT_MALFORMED, e.getMessage());
    } catch (TooManyRecordsException e) {
      throw new ApiException(IntelProblem.IMPORT_TOO_LARGE, e.getMessage());
    }
  }

  private static String text(byte[] body) {
    int start =
        body.length >= 3
                && body[0] == (byte) 0xEF
                && body[1] == (byte) 0xBB
                && body[2] == (byte) 0xBF
            ? 3
            : 0;
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body, start, body.length - start))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ApiException(IntelProblem.IMPORT_MALFORMED, "the body is not UTF-8 text");
    }
    if (text.isBlank()) {
      throw new ApiException(IntelProblem.IMPORT_MALFORMED, "the body is empty");
    }
    return text;
  }

  /** An indicator of the import, merged from every record that holds it. */
  private static final class Merged {
    final Candidate first;
    final int firstRecord;
    final LinkedHashSet<String> tags;
    int confidence;
    Severity severity;
    Instant expiresAt;
    boolean neverExpires;

    Merged(Candidate c, int record, int defaultConfidence) {
      first = c;
      firstRecord = record;
      tags = new LinkedHashSet<>(c.tags());
      confidence = c.confidence() == null ? defaultConfidence : c.confidence();
      severity = c.severity() == null ? Severity.MEDIUM : c.severity();
      expiresAt = c.expiresAt();
      neverExpires = c.expiresAt() == null;
    }

    /** The most telling of both: higher confidence and severity, later expiry, all tags. */
    void add(Candidate c, int defaultConfidence) {
      for (String tag : c.tags()) {
        if (tags.size() < IocValues.MAX_TAGS) {
          tags.add(tag);
        }
      }
      confidence =
          Math.max(confidence, c.confidence() == null ? defaultConfidence : c.confidence());
      if (c.severity() != null && c.severity().compareTo(severity) > 0) {
        severity = c.severity();
      }
      if (c.expiresAt() == null) {
        neverExpires = true;
      } else if (expiresAt == null || c.expiresAt().isAfter(expiresAt)) {
        expiresAt = c.expiresAt();
      }
    }

    IocRepository.Fields fields(String source) {
      return new IocRepository.Fields(
          first.type(),
          first.value(),
          source,
          confidence,
          severity,
          List.copyOf(tags),
          first.description(),
          neverExpires ? null : expiresAt);
    }
  }

  private ImportReport store(
      ImportFormat format,
      String source,
      int defaultConfidence,
      List<ImportRecord> records,
      Long importedBy) {
    Map<String, Merged> merged = new LinkedHashMap<>();
    for (ImportRecord record : records) {
      for (Candidate c : record.candidates()) {
        String key = key(c.type(), c.value());
        Merged existing = merged.get(key);
        if (existing == null) {
          merged.put(key, new Merged(c, record.index(), defaultConfidence));
        } else {
          existing.add(c, defaultConfidence);
        }
      }
    }
    Instant now = clock.instant();
    Map<String, IocRepository.Upserted> stored =
        repository.upsert(
            source, merged.values().stream().map(m -> m.fields(source)).toList(), importedBy, now);
    if (!stored.isEmpty()) {
      refreshMatcherAfterCommit();
    }

    List<ImportResult> results = new ArrayList<>();
    Map<ImportOutcome, Integer> counts = new HashMap<>();
    for (ImportRecord record : records) {
      switch (record.kind()) {
        case REJECTED, SKIPPED -> {
          ImportOutcome outcome =
              record.kind() == ImportRecord.Kind.REJECTED
                  ? ImportOutcome.REJECTED
                  : ImportOutcome.SKIPPED;
          results.add(
              new ImportResult(
                  record.index(), record.location(), outcome, null, null, null, record.detail()));
          counts.merge(outcome, 1, Integer::sum);
        }
        case PARSED -> {
          for (Candidate c : record.candidates()) {
            String key = key(c.type(), c.value());
            Merged m = merged.get(key);
            IocRepository.Upserted row = stored.get(key);
            ImportOutcome outcome;
            String detail;
            if (m.firstRecord != record.index()) {
              outcome = ImportOutcome.SKIPPED;
              detail = "the same indicator as record " + m.firstRecord + "; merged into it";
            } else {
              outcome = row.inserted() ? ImportOutcome.ACCEPTED : ImportOutcome.UPDATED;
              detail = remarks(record.detail(), c.expiresAt(), now);
            }
            results.add(
                new ImportResult(
                    record.index(),
                    record.location(),
                    outcome,
                    c.type(),
                    c.value(),
                    row.id(),
                    detail));
            counts.merge(outcome, 1, Integer::sum);
          }
        }
      }
    }
    return new ImportReport(
        format,
        source,
        records.size(),
        counts.getOrDefault(ImportOutcome.ACCEPTED, 0),
        counts.getOrDefault(ImportOutcome.UPDATED, 0),
        counts.getOrDefault(ImportOutcome.SKIPPED, 0),
        counts.getOrDefault(ImportOutcome.REJECTED, 0),
        results);
  }

  private static String remarks(String notes, Instant expiresAt, Instant now) {
    if (expiresAt == null || expiresAt.isAfter(now)) {
      return notes;
    }
    String expired = "already expired at " + Timestamps.format(expiresAt) + ": it will not match";
    return notes == null ? expired : notes + "; " + expired;
  }

  private static String key(IocType type, String value) {
    return Enums.value(type) + " " + value;
  }

  // ---- validation

  private IocRepository.Fields validate(IocDraft d, String currentSource) {
    if (d.value() == null || d.value().isBlank()) {
      throw ApiException.badField("value", "is required");
    }
    IocValues.Normalized n;
    try {
      n = IocValues.parse(d.type(), d.value());
    } catch (IocValues.InvalidIocException e) {
      throw ApiException.badField("value", e.getMessage());
    }
    String source;
    if (d.source() == null) {
      source = currentSource == null ? MANUAL : currentSource;
    } else if (currentSource != null && sourceOf("source", d.source()).equals(currentSource)) {
      source = currentSource;
    } else {
      source = writableSource(d.source());
    }
    if (d.description() != null && d.description().length() > IocValues.MAX_DESCRIPTION) {
      throw ApiException.badField(
          "description", "at most " + IocValues.MAX_DESCRIPTION + " characters");
    }
    if (d.expiresAt() != null && !d.expiresAt().isAfter(clock.instant())) {
      throw ApiException.badField("expires_at", "must be in the future");
    }
    return new IocRepository.Fields(
        n.type(),
        n.value(),
        source,
        confidence(d.confidence()),
        d.severity() == null ? Severity.MEDIUM : d.severity(),
        tags(d.tags()),
        d.description() == null || d.description().isBlank() ? null : d.description().strip(),
        d.expiresAt());
  }

  private int confidence(Integer confidence) {
    if (confidence == null) {
      return properties.defaultConfidence();
    }
    if (confidence < 0 || confidence > 100) {
      throw ApiException.badField("confidence", "must be between 0 and 100");
    }
    return confidence;
  }

  private static List<String> tags(List<String> tags) {
    if (tags == null) {
      return List.of();
    }
    IocValues.CleanTags clean = IocValues.cleanTags(tags);
    if (clean.dropped() > 0 || tags.stream().anyMatch(t -> t == null || t.isBlank())) {
      throw ApiException.badField(
          "tags",
          "at most "
              + IocValues.MAX_TAGS
              + " non-empty tags of at most "
              + IocValues.MAX_TAG
              + " characters, without control characters");
    }
    return clean.tags();
  }

  private static String sourceOf(String field, String source) {
    try {
      return IocValues.source(source);
    } catch (IocValues.InvalidIocException e) {
      throw ApiException.badField(field, e.getMessage());
    }
  }

  /** A source users may write to: any valid name but the honeypots' own. */
  private static String writableSource(String source) {
    String name = sourceOf("source", source);
    if (name.equals(HONEYPOT)) {
      throw ApiException.badField(
          "source", "'honeypot' is reserved for the attackers the honeypots record");
    }
    return name;
  }

  private void refreshMatcherAfterCommit() {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            matcher.refresh();
          }
        });
  }

  private static ApiException duplicate(IocRepository.Fields f) {
    return new ApiException(
        IntelProblem.DUPLICATE,
        "source "
            + f.source()
            + " already has the "
            + Enums.value(f.type())
            + " indicator "
            + f.value());
  }

  private static ApiException notFound(long id) {
    return new ApiException(IntelProblem.NOT_FOUND, "no indicator with id " + id);
  }
}

package io.hsystem.audit;

import io.hsystem.audit.internal.AuditHasher;
import io.hsystem.audit.internal.AuditRepository;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log's façade: append an entry, search, verify the hash chain, purge past retention.
 *
 * <p>Appends run in their own transaction, so a refused or failed action is recorded even when the
 * action's own transaction rolls back.
 */
@Service
public class AuditLog {

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  private static final int VERIFY_BATCH = 1000;
  private static final int MAX_FIELD = 128;

  private final AuditRepository repository;
  private final JsonMapper json;
  private final Clock clock;
  private final AuditProperties properties;

  AuditLog(AuditRepository repository, JsonMapper json, Clock clock, AuditProperties properties) {
    this.repository = repository;
    this.json = json;
    this.clock = clock;
    this.properties = properties;
  }

  /** Appends one entry to the chain. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void record(AuditEntry entry) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String details = json.writeValueAsString(new LinkedHashMap<>(entry.details()));
    String prevHash = repository.lockChainAndGetLastHash();
    long id = repository.nextId();
    String outcome = Enums.value(entry.outcome());
    String actorUsername = cut(entry.actorUsername(), 64);
    String sourceIp = cut(entry.sourceIp(), 64);
    String targetType = cut(entry.targetType(), 64);
    String targetId = cut(entry.targetId(), MAX_FIELD);
    String hash =
        AuditHasher.hash(
            prevHash,
            id,
            now,
            entry.actorUserId(),
            actorUsername,
            sourceIp,
            entry.action(),
            targetType,
            targetId,
            outcome,
            details);
    repository.insert(
        new AuditRepository.Row(
            id,
            now,
            entry.actorUserId(),
            actorUsername,
            sourceIp,
            entry.action(),
            targetType,
            targetId,
            outcome,
            details,
            prevHash,
            hash));
  }

  /** Newest first. */
  @Transactional(readOnly = true)
  public Page<AuditRecord> search(AuditQuery query, PageQuery page) {
    var filter =
        new AuditRepository.Filter(
            query.actor(),
            query.action(),
            query.targetType(),
            query.targetId(),
            Enums.value(query.outcome()),
            query.from(),
            query.to());
    long total = repository.count(filter);
    List<AuditRecord> items = repository.search(filter, page).stream().map(this::toRecord).toList();
    return new Page<>(total, items);
  }

  /**
   * Walks the whole chain oldest first and reports the first row whose stored hash differs from the
   * recomputed one, or whose link does not name the previous row's hash.
   */
  @Transactional(readOnly = true)
  public ChainVerification verify() {
    long checked = 0;
    long afterId = 0;
    String previous = null;
    while (true) {
      List<AuditRepository.Row> rows = repository.chainPage(afterId, VERIFY_BATCH);
      for (AuditRepository.Row row : rows) {
        if (previous == null) {
          if (!row.prevHash().equals(AuditHasher.GENESIS)
              && !repository.purgeAnchorExists(row.prevHash())) {
            return new ChainVerification(
                false, checked, row.id(), "earlier rows are missing without a purge record");
          }
        } else if (!row.prevHash().equals(previous)) {
          return new ChainVerification(
              false, checked, row.id(), "link broken: a row before it was removed or altered");
        }
        String expected =
            AuditHasher.hash(
                row.prevHash(),
                row.id(),
                row.eventTime(),
                row.actorUserId(),
                row.actorUsername(),
                row.sourceIp(),
                row.action(),
                row.targetType(),
                row.targetId(),
                row.outcome(),
                row.details());
        if (!expected.equals(row.hash())) {
          return new ChainVerification(
              false, checked, row.id(), "hash mismatch: the row was altered");
        }
        previous = row.hash();
        afterId = row.id();
        checked++;
      }
      if (rows.size() < VERIFY_BATCH) {
        return new ChainVerification(true, checked, null, null);
      }
    }
  }

  /**
   * Deletes rows older than the retention period and records the purge (with the hash of the last
   * deleted row, which anchors the chain's new first row).
   */
  @Transactional
  public int purgeExpired() {
    Instant cutoff = clock.instant().minus(Duration.ofDays(properties.retentionDays()));
    var last = repository.lastBefore(cutoff);
    if (last.isEmpty()) {
      return 0;
    }
    int deleted = repository.purgeBefore(cutoff);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("deleted", deleted);
    details.put("retention_days", properties.retentionDays());
    details.put("last_deleted_id", last.get().id());
    details.put("last_deleted_hash", last.get().hash());
    record(
        new AuditEntry(
            null, "system", null, "audit.purge", "audit_log", null, AuditOutcome.SUCCESS, details));
    log.info("audit retention purge deleted {} rows older than {}", deleted, cutoff);
    return deleted;
  }

  private AuditRecord toRecord(AuditRepository.Row row) {
    Map<String, Object> details =
        json.readValue(row.details(), new TypeReference<LinkedHashMap<String, Object>>() {});
    return new AuditRecord(
        row.id(),
        row.eventTime(),
        row.actorUserId(),
        row.actorUsername(),
        row.sourceIp(),
        row.action(),
        row.targetType(),
        row.targetId(),
        Enums.parse(AuditOutcome.class, "outcome", row.outcome()),
        details,
        row.prevHash(),
        row.hash());
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}

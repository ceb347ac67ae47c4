package io.hsystem.assets;

import io.hsystem.assets.internal.AssetRepository;
import io.hsystem.audit.AuditContext;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Enums;
import io.hsystem.shared.IpAddresses;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The asset inventory's façade: list, read, create, update, delete. */
@Service
public class AssetService {

  static final int MAX_NAME = 255;
  static final int MAX_DESCRIPTION = 4096;
  static final int MAX_TAGS = 32;
  static final int MAX_TAG = 64;

  private final AssetRepository repository;
  private final AssetsProperties properties;
  private final Clock clock;

  AssetService(AssetRepository repository, AssetsProperties properties, Clock clock) {
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Page<Asset> list(AssetQuery query, PageQuery page) {
    String text = query.text() == null || query.text().isBlank() ? null : query.text().trim();
    var filter =
        new AssetRepository.Filter(Enums.value(query.type()), Enums.value(query.status()), text);
    Instant onlineSince = onlineSince();
    long total = repository.count(filter, onlineSince);
    List<Asset> items =
        repository.list(filter, onlineSince, page.size(), page.offset()).stream()
            .map(AssetService::toAsset)
            .toList();
    return new Page<>(total, items);
  }

  @Transactional(readOnly = true)
  public Asset get(long id) {
    return repository
        .find(id, onlineSince())
        .map(AssetService::toAsset)
        .orElseThrow(() -> notFound(id));
  }

  /** True when the asset exists; for modules that reference assets. */
  @Transactional(readOnly = true)
  public boolean exists(long id) {
    return repository.exists(id);
  }

  @Transactional
  public Asset create(AssetDraft draft) {
    long id = repository.insert(fields(draft), clock.instant());
    AuditContext.target(id);
    AuditContext.detail("name", draft.name().trim());
    return get(id);
  }

  @Transactional
  public Asset update(long id, AssetDraft draft) {
    if (!repository.update(id, fields(draft), clock.instant())) {
      throw notFound(id);
    }
    return get(id);
  }

  @Transactional
  public void delete(long id) {
    Asset asset = get(id);
    AuditContext.detail("name", asset.name());
    repository.delete(id);
  }

  /**
   * The asset of each host, creating the ones never seen: matched by agent id, else host name, else
   * IP. One query per kind of identity and one insert per new host, not one per event.
   */
  @Transactional
  public java.util.Map<String, Long> resolveHosts(java.util.Collection<HostRef> hosts) {
    java.util.Map<String, Long> found = new java.util.HashMap<>();
    java.util.Map<String, HostRef> byKey = new java.util.LinkedHashMap<>();
    for (HostRef host : hosts) {
      byKey.putIfAbsent(host.key(), host);
    }
    found.putAll(repository.findByIdentity(byKey.values()));
    Instant now = clock.instant();
    for (var entry : byKey.entrySet()) {
      if (!found.containsKey(entry.getKey())) {
        HostRef host = entry.getValue();
        String ip = host.ip() != null && IpAddresses.isValid(host.ip()) ? host.ip() : null;
        String name = host.hostName() != null ? host.hostName() : ip != null ? ip : host.agentId();
        found.put(
            entry.getKey(),
            repository.insertDiscovered(
                name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name,
                ip,
                Enums.value(host.type()),
                Enums.value(host.managedBy()),
                host.hostName(),
                host.agentId(),
                now));
      }
    }
    return found;
  }

  /** Records when assets were last heard from, in one statement. */
  @Transactional
  public void recordCheckins(java.util.Map<Long, Instant> lastSeen) {
    if (!lastSeen.isEmpty()) {
      repository.updateCheckins(lastSeen);
    }
  }

  private Instant onlineSince() {
    return clock.instant().minus(properties.offlineAfter());
  }

  private static AssetRepository.Fields fields(AssetDraft d) {
    String name = d.name() == null ? "" : d.name().trim();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw ApiException.badField("name", "is required, at most " + MAX_NAME + " characters");
    }
    if (d.type() == null) {
      throw ApiException.badField("type", "is required, one of " + Enums.allowed(AssetType.class));
    }
    if (d.os() != null && d.os().length() > MAX_NAME) {
      throw ApiException.badField("os", "at most " + MAX_NAME + " characters");
    }
    if (d.hostName() != null && d.hostName().length() > MAX_NAME) {
      throw ApiException.badField("host_name", "at most " + MAX_NAME + " characters");
    }
    if (d.description() != null && d.description().length() > MAX_DESCRIPTION) {
      throw ApiException.badField("description", "at most " + MAX_DESCRIPTION + " characters");
    }
    List<String> tags = d.tags() == null ? List.of() : d.tags();
    if (tags.size() > MAX_TAGS
        || tags.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > MAX_TAG)) {
      throw ApiException.badField(
          "tags", "at most " + MAX_TAGS + " non-empty tags of at most " + MAX_TAG + " characters");
    }
    return new AssetRepository.Fields(
        name,
        IpAddresses.require("ip", d.ip()),
        Enums.value(d.type()),
        d.os(),
        Enums.value(d.status() == null ? AssetStatus.UNKNOWN : d.status()),
        d.hostName(),
        d.description(),
        List.copyOf(new LinkedHashSet<>(tags.stream().map(String::trim).toList())));
  }

  private static ApiException notFound(long id) {
    return new ApiException(AssetProblem.NOT_FOUND, "no asset with id " + id);
  }

  private static Asset toAsset(AssetRepository.Row r) {
    return new Asset(
        r.id(),
        r.name(),
        r.ip(),
        Enums.parse(AssetType.class, "type", r.type()),
        r.os(),
        Enums.parse(AssetStatus.class, "status", r.status()),
        r.lastCheckin(),
        Enums.parse(ManagedBy.class, "managed_by", r.managedBy()),
        r.hostName(),
        r.description(),
        r.tags(),
        r.createdAt(),
        r.updatedAt());
  }
}

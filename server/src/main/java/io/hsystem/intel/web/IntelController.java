package io.hsystem.intel.web;

import io.hsystem.audit.Audited;
import io.hsystem.intel.ImportFormat;
import io.hsystem.intel.ImportReport;
import io.hsystem.intel.ImportResult;
import io.hsystem.intel.IntelProperties;
import io.hsystem.intel.IntelService;
import io.hsystem.intel.Ioc;
import io.hsystem.intel.IocDraft;
import io.hsystem.intel.IocHit;
import io.hsystem.intel.IocLookup;
import io.hsystem.intel.IocQuery;
import io.hsystem.intel.IocSort;
import io.hsystem.intel.IocSourceSummary;
import io.hsystem.intel.IocStatus;
import io.hsystem.intel.IocType;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.CommonProblem;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import io.hsystem.shared.Severity;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/intel")
class IntelController {

  private final IntelService intel;
  private final IntelProperties properties;
  private final Clock clock;

  IntelController(IntelService intel, IntelProperties properties, Clock clock) {
    this.intel = intel;
    this.properties = properties;
    this.clock = clock;
  }

  record IocRequest(
      String type,
      String value,
      String source,
      Integer confidence,
      String severity,
      @Size(max = 32) List<String> tags,
      String description,
      String expiresAt) {

    IocDraft toDraft() {
      return new IocDraft(
          Enums.parse(IocType.class, "type", type),
          value,
          source,
          confidence,
          Severity.parse("severity", severity),
          tags,
          description,
          Timestamps.parse("expires_at", expiresAt));
    }
  }

  record IocResponse(
      long id,
      String type,
      String value,
      String source,
      int confidence,
      String severity,
      List<String> tags,
      String description,
      String firstSeen,
      String lastSeen,
      String expiresAt,
      boolean active,
      int sightings,
      Long createdBy,
      String createdAt,
      String updatedAt) {

    static IocResponse of(Ioc i, Instant now) {
      return new IocResponse(
          i.id(),
          Enums.value(i.type()),
          i.value(),
          i.source(),
          i.confidence(),
          i.severity().value(),
          i.tags(),
          i.description(),
          Timestamps.format(i.firstSeen()),
          Timestamps.format(i.lastSeen()),
          Timestamps.format(i.expiresAt()),
          i.activeAt(now),
          i.sightings(),
          i.createdBy(),
          Timestamps.format(i.createdAt()),
          Timestamps.format(i.updatedAt()));
    }
  }

  record HitResponse(
      long iocId,
      String type,
      String value,
      String source,
      int confidence,
      String severity,
      List<String> tags,
      String description) {

    static HitResponse of(IocHit h) {
      return new HitResponse(
          h.iocId(),
          Enums.value(h.type()),
          h.value(),
          h.source(),
          h.confidence(),
          h.severity().value(),
          h.tags(),
          h.description());
    }
  }

  record LookupResponse(String type, String value, List<HitResponse> hits) {
    static LookupResponse of(IocLookup l) {
      return new LookupResponse(
          Enums.value(l.type()), l.value(), l.hits().stream().map(HitResponse::of).toList());
    }
  }

  record SourceResponse(String source, long total, long active, String lastUpdated) {
    static SourceResponse of(IocSourceSummary s) {
      return new SourceResponse(
          s.source(), s.total(), s.active(), Timestamps.format(s.lastUpdated()));
    }
  }

  record SourceDeleted(String source, int deleted) {}

  record ResultResponse(
      int index,
      String location,
      String outcome,
      String type,
      String value,
      Long iocId,
      String detail) {
    static ResultResponse of(ImportResult r) {
      return new ResultResponse(
          r.index(),
          r.location(),
          Enums.value(r.outcome()),
          Enums.value(r.type()),
          r.value(),
          r.iocId(),
          r.detail());
    }
  }

  record ImportResponse(
      String format,
      String source,
      int records,
      int accepted,
      int updated,
      int skipped,
      int rejected,
      List<ResultResponse> results) {
    static ImportResponse of(ImportReport r) {
      return new ImportResponse(
          Enums.value(r.format()),
          r.source(),
          r.records(),
          r.accepted(),
          r.updated(),
          r.skipped(),
          r.rejected(),
          r.results().stream().map(ResultResponse::of).toList());
    }
  }

  @GetMapping("/iocs")
  @RequirePermission(Permissions.INTEL_READ)
  Page<IocResponse> list(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) @Size(max = 255) String q,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String order) {
    var query =
        new IocQuery(
            Enums.parse(IocType.class, "type", type),
            source,
            q,
            Enums.parse(IocStatus.class, "status", status),
            Enums.parse(IocSort.class, "sort", sort),
            descending(order));
    Instant now = clock.instant();
    return intel.list(query, PageQuery.of(page, size)).map(i -> IocResponse.of(i, now));
  }

  @GetMapping("/iocs/{id}")
  @RequirePermission(Permissions.INTEL_READ)
  IocResponse get(@PathVariable long id) {
    return IocResponse.of(intel.get(id), clock.instant());
  }

  @PostMapping("/iocs")
  @RequirePermission(Permissions.INTEL_WRITE)
  @Audited(action = "intel.ioc_create", targetType = "ioc")
  @ResponseStatus(HttpStatus.CREATED)
  IocResponse create(@Valid @RequestBody IocRequest body) {
    Ioc created = intel.create(body.toDraft(), CurrentUser.require().id());
    return IocResponse.of(created, clock.instant());
  }

  @PutMapping("/iocs/{id}")
  @RequirePermission(Permissions.INTEL_WRITE)
  @Audited(action = "intel.ioc_update", targetType = "ioc")
  IocResponse update(@PathVariable long id, @Valid @RequestBody IocRequest body) {
    return IocResponse.of(intel.update(id, body.toDraft()), clock.instant());
  }

  @DeleteMapping("/iocs/{id}")
  @RequirePermission(Permissions.INTEL_WRITE)
  @Audited(action = "intel.ioc_delete", targetType = "ioc")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable long id) {
    intel.delete(id);
  }

  @GetMapping("/sources")
  @RequirePermission(Permissions.INTEL_READ)
  Page<SourceResponse> sources() {
    List<SourceResponse> items = intel.sources().stream().map(SourceResponse::of).toList();
    return new Page<>(items.size(), items);
  }

  @DeleteMapping("/sources/{source}")
  @RequirePermission(Permissions.INTEL_WRITE)
  @Audited(action = "intel.source_delete", targetType = "ioc_source")
  SourceDeleted deleteSource(@PathVariable String source) {
    int deleted = intel.deleteSource(source);
    return new SourceDeleted(source, deleted);
  }

  /**
   * The file is the request body itself (text/plain, text/csv or application/json), not a form: a
   * form body would be parsed into parameters before it could be read.
   */
  @PostMapping("/import")
  @RequirePermission(Permissions.INTEL_WRITE)
  @Audited(action = "intel.import", targetType = "ioc_source")
  ImportResponse importIocs(
      @RequestParam String format,
      @RequestParam String source,
      @RequestParam(required = false) Integer confidence,
      HttpServletRequest request,
      InputStream body)
      throws IOException {
    if (isForm(request.getContentType())) {
      throw new ApiException(
          CommonProblem.UNSUPPORTED_MEDIA_TYPE,
          "send the file itself as the body (text/plain, text/csv or application/json), not a"
              + " form");
    }
    // one byte over the limit is enough for the façade to refuse it
    byte[] bytes = body.readNBytes((int) Math.min(properties.importMaxBytes() + 1, 1L << 30));
    ImportReport report =
        intel.importIocs(
            Enums.parse(ImportFormat.class, "format", format),
            source,
            confidence,
            bytes,
            CurrentUser.require().id());
    return ImportResponse.of(report);
  }

  @GetMapping("/lookup")
  @RequirePermission(Permissions.INTEL_READ)
  LookupResponse lookup(@RequestParam @Size(max = 4096) String value) {
    return LookupResponse.of(intel.lookup(value));
  }

  private static boolean descending(String order) {
    if (order == null || order.equals("asc")) {
      return false;
    }
    if (order.equals("desc")) {
      return true;
    }
    throw ApiException.badField("order", "must be one of [asc, desc]");
  }

  private static boolean isForm(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)
          || type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

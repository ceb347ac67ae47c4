package io.hsystem.ingest.web;

import io.hsystem.audit.Audited;
import io.hsystem.ingest.IngestKey;
import io.hsystem.ingest.IngestKeyService;
import io.hsystem.protocol.SourceType;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/ingest/keys")
class IngestKeyController {

  private final IngestKeyService keys;

  IngestKeyController(IngestKeyService keys) {
    this.keys = keys;
  }

  record CreateKeyRequest(String name, String sourceType, Long assetId) {}

  record KeyResponse(
      long id,
      String name,
      String prefix,
      String sourceType,
      Long assetId,
      Long createdBy,
      String createdAt,
      String revokedAt,
      String lastUsedAt) {

    static KeyResponse of(IngestKey k) {
      return new KeyResponse(
          k.id(),
          k.name(),
          k.prefix(),
          k.sourceType().value(),
          k.assetId(),
          k.createdBy(),
          Timestamps.format(k.createdAt()),
          Timestamps.format(k.revokedAt()),
          Timestamps.format(k.lastUsedAt()));
    }
  }

  /** The only response that carries the secret. */
  record CreatedKeyResponse(KeyResponse key, String apiKey) {}

  @PostMapping
  @RequirePermission(Permissions.INGEST_ADMIN)
  @Audited(action = "ingest.key_create", targetType = "ingest_key")
  @ResponseStatus(HttpStatus.CREATED)
  CreatedKeyResponse create(@RequestBody CreateKeyRequest body) {
    var created =
        keys.create(
            body.name(),
            Enums.parse(SourceType.class, "source_type", body.sourceType()),
            body.assetId(),
            CurrentUser.require().id());
    return new CreatedKeyResponse(KeyResponse.of(created.key()), created.secret());
  }

  @GetMapping
  @RequirePermission(Permissions.INGEST_ADMIN)
  Page<KeyResponse> list() {
    List<KeyResponse> items = keys.list().stream().map(KeyResponse::of).toList();
    return new Page<>(items.size(), items);
  }

  @DeleteMapping("/{id}")
  @RequirePermission(Permissions.INGEST_ADMIN)
  @Audited(action = "ingest.key_revoke", targetType = "ingest_key")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable long id) {
    keys.revoke(id);
  }
}

package io.hsystem.assets.web;

import io.hsystem.assets.Asset;
import io.hsystem.assets.AssetDraft;
import io.hsystem.assets.AssetQuery;
import io.hsystem.assets.AssetService;
import io.hsystem.assets.AssetStatus;
import io.hsystem.assets.AssetType;
import io.hsystem.audit.Audited;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
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
@RequestMapping("/api/v1/assets")
class AssetController {

  private final AssetService assets;

  AssetController(AssetService assets) {
    this.assets = assets;
  }

  record AssetRequest(
      String name,
      String ip,
      String type,
      String os,
      String status,
      String hostName,
      String description,
      @Size(max = 32) List<String> tags) {

    AssetDraft toDraft() {
      return new AssetDraft(
          name,
          ip,
          Enums.parse(AssetType.class, "type", type),
          os,
          Enums.parse(AssetStatus.class, "status", status),
          hostName,
          description,
          tags);
    }
  }

  record AssetResponse(
      long id,
      String name,
      String ip,
      String type,
      String os,
      String status,
      String lastCheckin,
      String managedBy,
      String hostName,
      String description,
      List<String> tags,
      String createdAt,
      String updatedAt) {

    static AssetResponse of(Asset a) {
      return new AssetResponse(
          a.id(),
          a.name(),
          a.ip(),
          Enums.value(a.type()),
          a.os(),
          Enums.value(a.status()),
          Timestamps.format(a.lastCheckin()),
          Enums.value(a.managedBy()),
          a.hostName(),
          a.description(),
          a.tags(),
          Timestamps.format(a.createdAt()),
          Timestamps.format(a.updatedAt()));
    }
  }

  @GetMapping
  @RequirePermission(Permissions.ASSETS_READ)
  Page<AssetResponse> list(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) @Size(max = 255) String q) {
    var query =
        new AssetQuery(
            Enums.parse(AssetType.class, "type", type),
            Enums.parse(AssetStatus.class, "status", status),
            q);
    return assets.list(query, PageQuery.of(page, size)).map(AssetResponse::of);
  }

  @GetMapping("/{id}")
  @RequirePermission(Permissions.ASSETS_READ)
  AssetResponse get(@PathVariable long id) {
    return AssetResponse.of(assets.get(id));
  }

  @PostMapping
  @RequirePermission(Permissions.ASSETS_WRITE)
  @Audited(action = "asset.create", targetType = "asset")
  @ResponseStatus(HttpStatus.CREATED)
  AssetResponse create(@Valid @RequestBody AssetRequest body) {
    return AssetResponse.of(assets.create(body.toDraft()));
  }

  @PutMapping("/{id}")
  @RequirePermission(Permissions.ASSETS_WRITE)
  @Audited(action = "asset.update", targetType = "asset")
  AssetResponse update(@PathVariable long id, @Valid @RequestBody AssetRequest body) {
    return AssetResponse.of(assets.update(id, body.toDraft()));
  }

  @DeleteMapping("/{id}")
  @RequirePermission(Permissions.ASSETS_WRITE)
  @Audited(action = "asset.delete", targetType = "asset")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable long id) {
    assets.delete(id);
  }
}

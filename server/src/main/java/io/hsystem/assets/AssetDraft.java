package io.hsystem.assets;

import java.util.List;

/**
 * The editable fields of an asset, for create and full update.
 *
 * @param status stored status; ignored (derived) for agent and sensor assets unless decommissioned
 */
public record AssetDraft(
    String name,
    String ip,
    AssetType type,
    String os,
    AssetStatus status,
    String hostName,
    String description,
    List<String> tags) {}

package io.hsystem.assets;

/** Filters of the asset list; null means any. {@code text} matches name, host name or IP. */
public record AssetQuery(AssetType type, AssetStatus status, String text) {}

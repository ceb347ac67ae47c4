package io.hsystem.assets;

/** What kind of thing an asset is. */
public enum AssetType {
  SERVER,
  WORKSTATION,
  NETWORK_DEVICE,
  HONEYPOT,
  IOT,
  CLOUD,
  OTHER
}

package io.hsystem.intel;

/** Whether an indicator still matches: active until its expiry, expired after. */
public enum IocStatus {
  ACTIVE,
  EXPIRED
}

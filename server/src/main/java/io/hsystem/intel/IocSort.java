package io.hsystem.intel;

/** Columns the indicator list can be sorted by; ties are broken by id. */
public enum IocSort {
  ID,
  TYPE,
  VALUE,
  SOURCE,
  CONFIDENCE,
  FIRST_SEEN,
  LAST_SEEN,
  EXPIRES_AT,
  SIGHTINGS,
  UPDATED_AT
}

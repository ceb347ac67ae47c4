package io.hsystem.intel;

/**
 * The outcome of one record, or of one indicator when a record holds several (a STIX pattern with
 * {@code OR}, a MISP {@code domain|ip}): those share the record's index.
 *
 * @param index 1-based position of the record among the input's records
 * @param location where the record is in the input: {@code line 12}, {@code objects[3]}, {@code
 *     Event.Object[1].Attribute[0]}
 * @param type null when rejected
 * @param value canonical value; null when rejected
 * @param iocId the stored indicator the value went into (also for a value skipped as a duplicate of
 *     an earlier record, which was merged into it); null when rejected or otherwise skipped
 * @param detail why a record was rejected or skipped; a remark on accepted ones (already expired,
 *     tags dropped), else null
 */
public record ImportResult(
    int index,
    String location,
    ImportOutcome outcome,
    IocType type,
    String value,
    Long iocId,
    String detail) {}

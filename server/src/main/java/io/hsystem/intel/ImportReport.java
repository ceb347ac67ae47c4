package io.hsystem.intel;

import java.util.List;

/**
 * What an import did, record by record.
 *
 * @param records records read (lines, rows, indicators, attributes)
 * @param accepted results with outcome {@link ImportOutcome#ACCEPTED}, and so on
 * @param results in input order
 */
public record ImportReport(
    ImportFormat format,
    String source,
    int records,
    int accepted,
    int updated,
    int skipped,
    int rejected,
    List<ImportResult> results) {}

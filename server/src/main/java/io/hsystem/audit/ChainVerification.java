package io.hsystem.audit;

/**
 * Result of walking the audit hash chain.
 *
 * @param valid true when every row's hash and link are intact
 * @param checked number of rows walked
 * @param firstBrokenId id of the first row whose hash or link does not match, null when valid
 * @param reason what is wrong with that row
 */
public record ChainVerification(boolean valid, long checked, Long firstBrokenId, String reason) {}

package io.hsystem.detection.sigma;

/**
 * A document the loader could not turn into a runnable rule, with the precise reason.
 *
 * @param source the file (relative to the loaded folder or archive) the document came from
 * @param ruleId the rule's id when it could be read, else null
 * @param title the rule's title when it could be read, else null
 * @param reason what is wrong or unsupported, in words an administrator can act on
 */
public record Unsupported(String source, String ruleId, String title, String reason) {}

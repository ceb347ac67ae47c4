package io.hsystem.detection.sigma;

/** A rule (or a part of one) this engine cannot run as written; the message says precisely why. */
final class UnsupportedRuleException extends Exception {

  UnsupportedRuleException(String reason) {
    super(reason, null, false, false);
  }
}

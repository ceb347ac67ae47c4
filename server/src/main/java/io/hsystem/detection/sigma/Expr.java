package io.hsystem.detection.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule's compiled detection: its condition with every search identifier replaced by what it
 * selects. Built by the loader, immutable, and independent of any rule set: {@link SigmaRuleSet}
 * turns it into its own executable form.
 */
sealed interface Expr {

  /** All operands hold. */
  record And(List<Expr> operands) implements Expr {}

  /** At least one operand holds. */
  record Or(List<Expr> operands) implements Expr {}

  /** The operand does not hold. */
  record Not(Expr operand) implements Expr {}

  /** At least {@code min} operands hold ({@code N of selection*} with N above 1). */
  record AtLeast(int min, List<Expr> operands) implements Expr {}

  /** A field value passes a test. */
  record FieldMatch(SigmaField field, ValueTest test) implements Expr {}

  /**
   * A keyword: the test passes on any string field of the event or on its original record (with
   * JSON string escapes decoded).
   */
  record KeywordMatch(ValueTest test) implements Expr {}

  /** An AND of the operands: nested ANDs are flattened and a single operand stands alone. */
  static Expr and(List<Expr> operands) {
    List<Expr> flat = new ArrayList<>();
    for (Expr e : operands) {
      if (e instanceof And and) {
        flat.addAll(and.operands());
      } else {
        flat.add(e);
      }
    }
    return flat.size() == 1 ? flat.get(0) : new And(List.copyOf(flat));
  }

  /** An OR of the operands: nested ORs are flattened and a single operand stands alone. */
  static Expr or(List<Expr> operands) {
    List<Expr> flat = new ArrayList<>();
    for (Expr e : operands) {
      if (e instanceof Or or) {
        flat.addAll(or.operands());
      } else {
        flat.add(e);
      }
    }
    return flat.size() == 1 ? flat.get(0) : new Or(List.copyOf(flat));
  }
}

package io.hsystem.detection.sigma;

/**
 * A rule's {@code logsource}: which logs it is written for. Values are lower-case, each may be
 * null.
 */
public record SigmaLogsource(String category, String product, String service) {

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    append(sb, "product", product);
    append(sb, "category", category);
    append(sb, "service", service);
    return sb.isEmpty() ? "(empty logsource)" : sb.toString();
  }

  private static void append(StringBuilder sb, String name, String value) {
    if (value != null) {
      sb.append(sb.isEmpty() ? "" : ", ").append(name).append(": ").append(value);
    }
  }
}

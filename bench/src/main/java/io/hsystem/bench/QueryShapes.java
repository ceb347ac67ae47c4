package io.hsystem.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The hunting query shapes of the issue, in the analyst's query language; each iteration gets a
 * different literal where that makes sense so caches do not answer the same query twice in a row.
 */
final class QueryShapes {

  record Shape(String name, String example, Function<SplittableRandom, String> query) {}

  private static final String[] PROCESSES = {
    "powershell.exe", "cmd.exe", "rundll32.exe", "reg.exe", "schtasks.exe", "net.exe"
  };
  private static final String[] PREFIXES = {
    "C:\\Windows\\*",
    "C:\\Windows\\System32\\*",
    "C:\\Windows\\System32\\wbem\\*",
    "C:\\Program Files\\*",
    "C:\\Users\\*",
    "C:\\ProgramData\\*"
  };
  private static final String[] INFIXES = {
    "mimikatz", "sekurlsa", "lsass", "comsvcs", "procdump", "downloadstring", "invoke-"
  };
  private static final String[] PORT_RANGES = {
    "[1 TO 1024]", "[1 TO 443]", "[20 TO 25]", "[135 TO 139]", "[1 TO 100]", "[440 TO 450]"
  };

  static final List<Shape> ALL =
      List.of(
          new Shape(
              "term, rare (host)",
              "host_name:WKS-01234",
              r -> String.format("host_name:WKS-%05d", r.nextInt(EventGenerator.HOSTS))),
          new Shape(
              "term, common (process)",
              "process_name:svchost.exe",
              r -> "process_name:" + PROCESSES[r.nextInt(PROCESSES.length)]),
          new Shape(
              "wildcard suffix (path prefix)",
              "path:C:\\Windows\\*",
              r -> "path:" + PREFIXES[r.nextInt(PREFIXES.length)]),
          new Shape(
              "leading wildcard (command line)",
              "command_line:*mimikatz*",
              r -> "command_line:*" + INFIXES[r.nextInt(INFIXES.length)] + "*"),
          new Shape(
              "boolean AND NOT",
              "process_name:powershell.exe AND NOT user:\"NT AUTHORITY\\\\SYSTEM\"",
              r ->
                  "process_name:"
                      + PROCESSES[r.nextInt(PROCESSES.length)]
                      + " AND NOT user:\"NT AUTHORITY\\\\SYSTEM\""),
          new Shape(
              "range (port)",
              "dst_port:[1 TO 1024]",
              r -> "dst_port:" + PORT_RANGES[r.nextInt(PORT_RANGES.length)]));

  private QueryShapes() {}
}

package io.hsystem.sensor.service;

import io.hsystem.sensor.core.DecoySession;
import io.hsystem.sensor.core.Text;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bash look-alike shared by the SSH and Telnet decoys. It executes nothing: every line is
 * recorded as a {@code command} event, download commands ({@code wget}, {@code curl}, {@code tftp},
 * {@code ftpget}) also as {@code file_download} events with their URLs (never fetched), and the
 * answer is made up from the {@link DecoyProfile} and a small read-only fake file system.
 *
 * <p>Understands {@code ;}, {@code &&}, {@code ||}, pipes into {@code grep}/{@code head}/{@code
 * tail}/{@code wc -l}, quotes, redirections (output to a file disappears), {@code sudo}, {@code
 * busybox}, {@code sh -c}. Output uses {@code \n}; terminals convert.
 */
final class FakeShell {

  /** Longest command line recorded and interpreted. */
  static final int MAX_LINE = 4096;

  private static final int MAX_OUTPUT = 32 * 1024;
  private static final int MAX_SEGMENTS = 64;
  private static final Pattern URL =
      Pattern.compile("(?i)\\b(?:https?|ftp|tftp)://[^\\s'\"`;|&<>()]+");
  private static final Set<String> SILENT =
      Set.of(
          "touch",
          "rm",
          "mkdir",
          "rmdir",
          "chmod",
          "chown",
          "chgrp",
          "cp",
          "mv",
          "ln",
          "kill",
          "pkill",
          "killall",
          "export",
          "unset",
          "set",
          "true",
          ":",
          "cd",
          "sleep",
          "sync",
          "service",
          "systemctl",
          "iptables",
          "ufw",
          "crontab",
          "chattr",
          "ulimit",
          "history",
          "clear",
          "source",
          ".",
          "alias",
          "umask",
          "setenforce",
          "nohup",
          "disown",
          "wait");
  private static final Set<String> KNOWN_BINARIES =
      Set.of(
          "ls",
          "cat",
          "echo",
          "uname",
          "id",
          "whoami",
          "pwd",
          "ps",
          "ifconfig",
          "ip",
          "wget",
          "curl",
          "bash",
          "sh",
          "python3",
          "perl",
          "chmod",
          "rm",
          "touch",
          "grep",
          "awk",
          "sed",
          "tar",
          "gcc",
          "nproc",
          "free",
          "df",
          "uptime",
          "w",
          "crontab",
          "hostname",
          "sudo",
          "busybox",
          "nc",
          "base64",
          "tftp",
          "ftpget",
          "head",
          "tail",
          "wc",
          "top");

  private final DecoyProfile profile;
  private final String user;
  private final String home;
  private final DecoySession session;
  private final List<String> history = new ArrayList<>();
  private String cwd;
  private int status;

  /** The answer to one line. */
  record Result(String output, boolean exit) {}

  FakeShell(DecoyProfile profile, String user, DecoySession session) {
    this.profile = profile;
    this.user = user == null || user.isEmpty() ? "root" : Text.cut(user, 32);
    this.home = "root".equals(this.user) ? "/root" : "/home/" + this.user;
    this.session = session;
    this.cwd = home;
  }

  /** The exit status of the last command, as {@code $?} would show it. */
  int status() {
    return status;
  }

  String prompt() {
    String dir =
        cwd.equals(home)
            ? "~"
            : cwd.startsWith(home + "/") ? "~" + cwd.substring(home.length()) : cwd;
    return user + "@" + profile.hostname + ":" + dir + ("root".equals(user) ? "# " : "$ ");
  }

  String motd() {
    String now =
        LocalDateTime.now()
            .format(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH));
    return "Welcome to Ubuntu 22.04.4 LTS (GNU/Linux "
        + profile.kernel
        + " x86_64)\n\n"
        + " * Documentation:  https://help.ubuntu.com\n"
        + " * Management:     https://landscape.canonical.com\n"
        + " * Support:        https://ubuntu.com/pro\n\n"
        + "Last login: "
        + now
        + " from "
        + profile.ip.substring(0, profile.ip.lastIndexOf('.'))
        + ".1\n";
  }

  /** Records the line and answers it. */
  Result run(String rawLine) {
    String line = Text.cut(rawLine, MAX_LINE);
    if (line.isBlank()) {
      return new Result("", false);
    }
    session.emit(session.event("command").put("username", user).put("command_line", line));
    if (history.size() < 1000) {
      history.add(line);
    }
    StringBuilder out = new StringBuilder();
    boolean exit = execute(line, out, 0);
    return new Result(Text.cut(out.toString(), MAX_OUTPUT), exit);
  }

  private boolean execute(String line, StringBuilder out, int depth) {
    List<String[]> segments = splitOperators(line);
    String previousOp = ";";
    for (String[] seg : segments) {
      String op = seg[0];
      String body = seg[1];
      boolean skip =
          ("&&".equals(previousOp) && status != 0) || ("||".equals(previousOp) && status == 0);
      previousOp = op;
      if (skip || body.isBlank()) {
        continue;
      }
      if (pipeline(body, out, depth)) {
        return true;
      }
      if (out.length() > MAX_OUTPUT) {
        break;
      }
    }
    return false;
  }

  /** Splits on ; && || and newlines outside quotes: each entry is {operator-after, text}. */
  private static List<String[]> splitOperators(String line) {
    List<String[]> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < line.length() && parts.size() < MAX_SEGMENTS; i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        cur.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        cur.append(c);
      } else if (c == ';' || c == '\n') {
        parts.add(new String[] {";", cur.toString()});
        cur.setLength(0);
      } else if ((c == '&' || c == '|') && i + 1 < line.length() && line.charAt(i + 1) == c) {
        parts.add(new String[] {c == '&' ? "&&" : "||", cur.toString()});
        cur.setLength(0);
        i++;
      } else if (c == '&') {
        parts.add(new String[] {";", cur.toString()});
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(new String[] {";", cur.toString()});
    return parts;
  }

  private boolean pipeline(String body, StringBuilder out, int depth) {
    List<String> stages = splitPipes(body);
    StringBuilder stageOut = new StringBuilder();
    boolean exit = false;
    boolean toFile = false;
    for (int i = 0; i < stages.size(); i++) {
      List<String> words = new ArrayList<>();
      boolean redirected = tokenize(stages.get(i), words);
      if (words.isEmpty()) {
        continue;
      }
      if (i == 0) {
        exit = command(words, stageOut, depth);
      } else {
        String filtered = filter(words, stageOut.toString());
        stageOut.setLength(0);
        stageOut.append(filtered);
      }
      toFile = redirected;
    }
    if (!toFile) {
      out.append(stageOut);
    }
    return exit;
  }

  private static List<String> splitPipes(String body) {
    List<String> stages = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '|') {
        stages.add(cur.toString());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    stages.add(cur.toString());
    return stages;
  }

  /** Splits words, dropping quotes and redirections; returns whether stdout went to a file. */
  private static boolean tokenize(String text, List<String> words) {
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    boolean toFile = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(cur.toString());
    }
    // redirections: "> f", ">> f", "2>&1", "2>/dev/null", ">f"
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.matches("[0-9]?>>?&?[0-9]?") || w.equals("<")) {
        boolean stdout = !w.startsWith("2") && !w.contains("&");
        if (i + 1 < words.size() && !w.endsWith("&1") && !w.matches("[0-9]?>&[0-9]")) {
          String target = words.get(++i);
          toFile |= stdout && !w.equals("<");
          if (stdout && "/dev/null".equals(target)) {
            toFile = true;
          }
        }
      } else if (w.matches("[0-9]?>>?[^&].*") || w.startsWith("<")) {
        toFile |= !w.startsWith("2") && !w.startsWith("<");
      } else {
        kept.add(w);
      }
    }
    words.clear();
    words.addAll(kept);
    return toFile;
  }

  /** Runs one simple command into {@code out}; returns true to end the session. */
  private boolean command(List<String> words, StringBuilder out, int depth) {
    String cmd = words.get(0);
    List<String> args = words.subList(1, words.size());
    if (cmd.contains("/") && !cmd.startsWith("./")) {
      cmd = cmd.substring(cmd.lastIndexOf('/') + 1);
    }
    status = 0;
    switch (cmd) {
      case "exit", "logout" -> {
        return true;
      }
      case "sudo", "nohup", "time", "nice", "timeout", "command" -> {
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()
            && (rest.get(0).startsWith("-") || rest.get(0).matches("\\d+[smh]?"))) {
          rest.remove(0);
        }
        return !rest.isEmpty() && depth < 4 && command(rest, out, depth + 1);
      }
      case "busybox" -> {
        if (args.isEmpty()) {
          out.append(
              "BusyBox v1.30.1 (Ubuntu 1:1.30.1-7ubuntu3) multi-call binary.\n"
                  + "BusyBox is copyrighted by many authors between 1998-2015.\n"
                  + "Usage: busybox [function [arguments]...]\n");
          return false;
        }
        return depth < 4 && command(new ArrayList<>(args), out, depth + 1);
      }
      case "sh", "bash", "dash" -> {
        int c = args.indexOf("-c");
        if (c >= 0 && c + 1 < args.size() && depth < 4) {
          return execute(args.get(c + 1), out, depth + 1);
        }
        return false;
      }
      case "uname" -> out.append(uname(args)).append('\n');
      case "id" ->
          out.append(
              "root".equals(user)
                  ? "uid=0(root) gid=0(root) groups=0(root)\n"
                  : "uid=1000("
                      + user
                      + ") gid=1000("
                      + user
                      + ") groups=1000("
                      + user
                      + "),4(adm),24(cdrom),27(sudo),30(dip),46(plugdev)\n");
      case "whoami" -> out.append(user).append('\n');
      case "hostname" -> out.append(profile.hostname).append('\n');
      case "pwd" -> out.append(cwd).append('\n');
      case "cd" -> cd(args, out);
      case "ls", "dir", "ll" -> ls(cmd.equals("ll") ? List.of("-l") : args, out);
      case "cat" -> cat(args, out);
      case "echo" -> echo(args, out);
      case "ps" -> out.append(args.isEmpty() ? PS_SHORT : psLong());
      case "ifconfig" -> out.append(ifconfig());
      case "ip" -> out.append(ip(args));
      case "uptime" -> out.append(uptime()).append('\n');
      case "w" -> out.append(uptime()).append('\n').append(W_HEADER);
      case "free" -> out.append(FREE);
      case "df" -> out.append(DF);
      case "nproc" -> out.append("4\n");
      case "history" -> {
        for (int i = 0; i < history.size(); i++) {
          out.append(String.format("%5d  %s%n", i + 1, history.get(i)));
        }
      }
      case "which", "type" -> {
        for (String a : args) {
          if (KNOWN_BINARIES.contains(a)) {
            out.append("/usr/bin/").append(a).append('\n');
          } else {
            status = 1;
          }
        }
      }
      case "wget", "curl", "tftp", "ftpget" -> download(cmd, args, out);
      case "env", "printenv" ->
          out.append("SHELL=/bin/bash\nPWD=")
              .append(cwd)
              .append("\nLOGNAME=")
              .append(user)
              .append("\nHOME=")
              .append(home)
              .append("\nLANG=en_US.UTF-8\nUSER=")
              .append(user)
              .append("\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
      case "date" ->
          out.append(
                  LocalDateTime.now()
                      .format(
                          DateTimeFormatter.ofPattern(
                              "EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.ENGLISH)))
              .append('\n');
      case "passwd" -> {
        out.append("passwd: Authentication token manipulation error\npasswd: password unchanged\n");
        status = 10;
      }
      default -> {
        if (SILENT.contains(cmd)) {
          return false;
        }
        if (cmd.startsWith("./") || cmd.startsWith("/")) {
          out.append("bash: ").append(Text.cut(cmd, 200)).append(": Permission denied\n");
          status = 126;
        } else {
          out.append("bash: ").append(Text.cut(cmd, 200)).append(": command not found\n");
          status = 127;
        }
      }
    }
    return false;
  }

  private String uname(List<String> args) {
    String build =
        "#" + (profile.kernel.hashCode() & 0x7f) + "-Ubuntu SMP Tue Mar 5 14:34:26 UTC 2024";
    if (args.isEmpty()) {
      return "Linux";
    }
    String flags = String.join("", args).replace("-", "");
    if (flags.contains("a") || args.contains("--all")) {
      return "Linux "
          + profile.hostname
          + " "
          + profile.kernel
          + " "
          + build
          + " x86_64 x86_64 x86_64 GNU/Linux";
    }
    List<String> parts = new ArrayList<>();
    for (char f : flags.toCharArray()) {
      switch (f) {
        case 's' -> parts.add("Linux");
        case 'n' -> parts.add(profile.hostname);
        case 'r' -> parts.add(profile.kernel);
        case 'v' -> parts.add(build);
        case 'm', 'p', 'i' -> parts.add("x86_64");
        case 'o' -> parts.add("GNU/Linux");
        default -> {}
      }
    }
    return String.join(" ", parts);
  }

  private void cd(List<String> args, StringBuilder out) {
    String target = args.isEmpty() || args.get(0).equals("~") ? home : resolve(args.get(0));
    if (DIRS.containsKey(target) || target.equals(home)) {
      cwd = target;
    } else {
      out.append("bash: cd: ")
          .append(Text.cut(args.get(0), 200))
          .append(": No such file or directory\n");
      status = 1;
    }
  }

  private String resolve(String path) {
    String p = path.startsWith("~") ? home + path.substring(1) : path;
    if (!p.startsWith("/")) {
      p = cwd + "/" + p;
    }
    List<String> parts = new ArrayList<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  private void ls(List<String> args, StringBuilder out) {
    boolean longForm = false;
    boolean all = false;
    List<String> paths = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("-")) {
        longForm |= a.contains("l");
        all |= a.contains("a");
      } else {
        paths.add(a);
      }
    }
    if (paths.isEmpty()) {
      paths.add(cwd);
    }
    for (String p : paths) {
      String abs = resolve(p);
      List<String> entries = abs.equals(home) ? homeEntries() : DIRS.get(abs);
      if (entries == null) {
        if (FILES.containsKey(abs)) {
          out.append(longForm ? "-rw-r--r-- 1 root root 1024 Jan 12 09:14 " + p : p).append('\n');
        } else {
          out.append("ls: cannot access '")
              .append(Text.cut(p, 200))
              .append("': No such file or directory\n");
          status = 2;
        }
        continue;
      }
      List<String> shown = new ArrayList<>();
      for (String e : entries) {
        if (all || !e.startsWith(".")) {
          shown.add(e);
        }
      }
      if (longForm) {
        out.append("total ").append(shown.size() * 4).append('\n');
        for (String e : shown) {
          boolean dir =
              DIRS.containsKey(abs.equals("/") ? "/" + e : abs + "/" + e)
                  || e.equals(".")
                  || e.equals("..");
          out.append(dir ? "drwxr-xr-x 2 " : "-rw-r--r-- 1 ")
              .append(abs.startsWith(home) ? user + " " + user : "root root")
              .append(dir ? "  4096" : "   220")
              .append(" Jan 12 09:14 ")
              .append(e)
              .append('\n');
        }
      } else if (!shown.isEmpty()) {
        out.append(String.join("  ", shown)).append('\n');
      }
    }
  }

  private List<String> homeEntries() {
    return List.of(".", "..", ".bash_history", ".bashrc", ".cache", ".profile", ".ssh");
  }

  private void cat(List<String> args, StringBuilder out) {
    for (String a : args) {
      if (a.startsWith("-")) {
        continue;
      }
      String abs = resolve(a);
      String content =
          switch (abs) {
            case "/etc/hostname" -> profile.hostname + "\n";
            case "/proc/version" ->
                "Linux version "
                    + profile.kernel
                    + " (buildd@lcy02-amd64-032) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #"
                    + (profile.kernel.hashCode() & 0x7f)
                    + "-Ubuntu SMP Tue Mar 5 14:34:26 UTC 2024\n";
            case "/etc/shadow" -> "root".equals(user) ? SHADOW : null;
            default -> FILES.get(abs);
          };
      if (content != null) {
        out.append(content);
      } else if (abs.equals("/etc/shadow")) {
        out.append("cat: /etc/shadow: Permission denied\n");
        status = 1;
      } else if (DIRS.containsKey(abs)) {
        out.append("cat: ").append(Text.cut(a, 200)).append(": Is a directory\n");
        status = 1;
      } else {
        out.append("cat: ").append(Text.cut(a, 200)).append(": No such file or directory\n");
        status = 1;
      }
    }
  }

  private static void echo(List<String> args, StringBuilder out) {
    boolean newline = true;
    boolean escapes = false;
    int i = 0;
    while (i < args.size() && args.get(i).matches("-[neE]+")) {
      newline &= !args.get(i).contains("n");
      escapes |= args.get(i).contains("e");
      i++;
    }
    String text = String.join(" ", args.subList(i, args.size()));
    if (escapes) {
      text = unescape(text);
    }
    out.append(text);
    if (newline) {
      out.append('\n');
    }
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case '\\' -> sb.append('\\');
          case 'x' -> {
            if (i + 2 < s.length() && s.substring(i + 1, i + 3).matches("[0-9a-fA-F]{2}")) {
              sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
              i += 2;
            } else {
              sb.append("\\x");
            }
          }
          default -> sb.append('\\').append(n);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Records each URL as a {@code file_download} event and answers as if the network were down. */
  private void download(String cmd, List<String> args, StringBuilder out) {
    Set<String> urls = new LinkedHashSet<>();
    Matcher m = URL.matcher(String.join(" ", args));
    while (m.find() && urls.size() < 16) {
      urls.add(m.group());
    }
    if (urls.isEmpty()) {
      // "wget host/path", "tftp -g -r file host", "ftpget host file"
      for (String a : args) {
        if (!a.startsWith("-")
            && a.matches("[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+(:\\d+)?(/\\S*)?")
            && urls.size() < 16) {
          urls.add(a);
        }
      }
    }
    String commandLine = cmd + " " + String.join(" ", args);
    for (String url : urls) {
      session.emit(
          session
              .event("file_download")
              .put("username", user)
              .put("url", Text.cut(url, 2048))
              .put("command_line", Text.cut(commandLine, MAX_LINE))
              .put("message", cmd + " download requested (recorded, not fetched)"));
    }
    if (urls.isEmpty()) {
      out.append(
          cmd.equals("curl")
              ? "curl: try 'curl --help' for more information\n"
              : cmd + ": missing URL\n");
      status = cmd.equals("curl") ? 2 : 1;
      return;
    }
    String host = host(urls.iterator().next());
    if (cmd.equals("curl")) {
      out.append("curl: (6) Could not resolve host: ").append(host).append('\n');
      status = 6;
    } else if (cmd.equals("wget")) {
      out.append("--")
          .append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")))
          .append("--  ")
          .append(Text.cut(urls.iterator().next(), 512))
          .append("\nResolving ")
          .append(host)
          .append(" (")
          .append(host)
          .append(
              ")... failed: Temporary failure in name resolution.\nwget: unable to resolve host address '")
          .append(host)
          .append("'\n");
      status = 4;
    } else {
      out.append(cmd).append(": bad address '").append(host).append("'\n");
      status = 1;
    }
  }

  private static String host(String url) {
    String h = url.replaceFirst("(?i)^[a-z]+://", "");
    h = h.replaceFirst("[/:?#].*$", "");
    return Text.cut(h, 255);
  }

  private String filter(List<String> words, String input) {
    String cmd = words.get(0);
    List<String> args = words.subList(1, words.size());
    String[] lines = input.isEmpty() ? new String[0] : input.split("\n", -1);
    int n = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
    StringBuilder sb = new StringBuilder();
    switch (cmd) {
      case "wc" -> {
        return (args.contains("-l")
                ? String.valueOf(n)
                : n + " " + input.split("\\s+").length + " " + input.length())
            + "\n";
      }
      case "grep", "egrep" -> {
        boolean invert = args.contains("-v");
        boolean ignoreCase = args.stream().anyMatch(a -> a.startsWith("-") && a.contains("i"));
        boolean count = args.stream().anyMatch(a -> a.startsWith("-") && a.contains("c"));
        String pattern = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        int matched = 0;
        for (int i = 0; i < n; i++) {
          String l = lines[i];
          boolean hit =
              ignoreCase
                  ? l.toLowerCase(Locale.ROOT).contains(pattern.toLowerCase(Locale.ROOT))
                  : l.contains(pattern);
          if (hit != invert) {
            matched++;
            if (!count) {
              sb.append(l).append('\n');
            }
          }
        }
        return count ? matched + "\n" : sb.toString();
      }
      case "head", "tail" -> {
        int k = 10;
        for (int i = 0; i < args.size(); i++) {
          String a = args.get(i);
          if (a.equals("-n") && i + 1 < args.size() && args.get(i + 1).matches("\\d{1,6}")) {
            k = Integer.parseInt(args.get(i + 1));
          } else if (a.matches("-n?\\d{1,6}")) {
            k = Integer.parseInt(a.replaceAll("\\D", ""));
          }
        }
        int from = cmd.equals("head") ? 0 : Math.max(0, n - k);
        int to = cmd.equals("head") ? Math.min(n, k) : n;
        for (int i = from; i < to; i++) {
          sb.append(lines[i]).append('\n');
        }
        return sb.toString();
      }
      case "sort", "uniq", "cat", "more", "less", "tee" -> {
        return input;
      }
      default -> {
        return input.isEmpty() ? "" : input;
      }
    }
  }

  private String uptime() {
    return " "
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"))
        + " up "
        + profile.uptimeDays
        + " days,  3:12,  1 user,  load average: 0.08, 0.03, 0.01";
  }

  private String ifconfig() {
    return "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
        + "        inet "
        + profile.ip
        + "  netmask 255.255.255.0  broadcast "
        + profile.ip.substring(0, profile.ip.lastIndexOf('.'))
        + ".255\n"
        + "        ether "
        + profile.mac
        + "  txqueuelen 1000  (Ethernet)\n"
        + "        RX packets 1873422  bytes 1290331270 (1.2 GB)\n"
        + "        TX packets 1012381  bytes 207718272 (207.7 MB)\n\n"
        + "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n"
        + "        inet 127.0.0.1  netmask 255.0.0.0\n"
        + "        loop  txqueuelen 1000  (Local Loopback)\n";
  }

  private String ip(List<String> args) {
    String sub = args.isEmpty() ? "" : args.get(0);
    if (sub.startsWith("r")) {
      String net = profile.ip.substring(0, profile.ip.lastIndexOf('.'));
      return "default via "
          + net
          + ".1 dev eth0 proto static\n"
          + net
          + ".0/24 dev eth0 proto kernel scope link src "
          + profile.ip
          + "\n";
    }
    if (!sub.startsWith("a")) {
      return "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n";
    }
    return "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n"
        + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
        + "    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n"
        + "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n"
        + "    link/ether "
        + profile.mac
        + " brd ff:ff:ff:ff:ff:ff\n"
        + "    inet "
        + profile.ip
        + "/24 brd "
        + profile.ip.substring(0, profile.ip.lastIndexOf('.'))
        + ".255 scope global eth0\n       valid_lft forever preferred_lft forever\n";
  }

  private String psLong() {
    return "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n"
        + "root           1  0.0  0.2 167724 11620 ?        Ss   Jan12   0:21 /sbin/init\n"
        + "root           2  0.0  0.0      0     0 ?        S    Jan12   0:00 [kthreadd]\n"
        + "root         412  0.0  0.3  47784 15204 ?        S<s  Jan12   0:09 /lib/systemd/systemd-journald\n"
        + "systemd+     601  0.0  0.1  25528  6416 ?        Ss   Jan12   0:00 /lib/systemd/systemd-resolved\n"
        + "root         688  0.0  0.0   6896  2944 ?        Ss   Jan12   0:01 /usr/sbin/cron -f -P\n"
        + "syslog       702  0.0  0.1 222404  5224 ?        Ssl  Jan12   0:04 /usr/sbin/rsyslogd -n -iNONE\n"
        + "root         771  0.0  0.1  15432  8916 ?        Ss   Jan12   0:00 sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups\n"
        + "mysql        802  0.2  9.6 2424836 388244 ?      Ssl  Jan12  41:13 /usr/sbin/mysqld\n"
        + "www-data     915  0.0  0.1  55880  5712 ?        S    Jan12   0:00 nginx: worker process\n"
        + user
        + "      "
        + (20000 + (int) (profile.seed & 0xfff))
        + "  0.0  0.1   8780  5436 pts/0    Ss   09:14   0:00 -bash\n"
        + user
        + "      "
        + (20010 + (int) (profile.seed & 0xfff))
        + "  0.0  0.0  10072  3372 pts/0    R+   09:14   0:00 ps aux\n";
  }

  private static final String PS_SHORT =
      "    PID TTY          TIME CMD\n  21337 pts/0    00:00:00 bash\n  21362 pts/0    00:00:00 ps\n";

  private static final String W_HEADER =
      "USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT\n";

  private static final String FREE =
      "               total        used        free      shared  buff/cache   available\n"
          + "Mem:         4005132     1193484      389220        1164     2422428     2535500\n"
          + "Swap:        2097148       12032     2085116\n";

  private static final String DF =
      "Filesystem      Size  Used Avail Use% Mounted on\n"
          + "tmpfs           392M  1.2M  391M   1% /run\n"
          + "/dev/vda2        79G   23G   53G  31% /\n"
          + "tmpfs           2.0G     0  2.0G   0% /dev/shm\n";

  private static final String SHADOW =
      "root:$6$Tk3q8u2X$9bVw1mXzWmL0f3cQk1o7w9pYQ2Zr8F6m1kN5rVb3yq0tHcE2aJ7xUu4s1dP8gLqW0eK6iZ2nB9vC5xM3rT7yA1:19734:0:99999:7:::\n"
          + "daemon:*:19579:0:99999:7:::\nbin:*:19579:0:99999:7:::\nsys:*:19579:0:99999:7:::\n"
          + "www-data:*:19579:0:99999:7:::\nsshd:*:19579:0:99999:7:::\n";

  private static final Map<String, List<String>> DIRS =
      Map.ofEntries(
          Map.entry(
              "/",
              List.of(
                  "bin", "boot", "dev", "etc", "home", "lib", "lib64", "media", "mnt", "opt",
                  "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var")),
          Map.entry(
              "/tmp",
              List.of(
                  ".",
                  "..",
                  ".ICE-unix",
                  ".X11-unix",
                  "systemd-private-3f1c2a-systemd-resolved.service-Xk2Lq1")),
          Map.entry(
              "/etc",
              List.of(
                  "apt",
                  "cron.d",
                  "crontab",
                  "fstab",
                  "group",
                  "hostname",
                  "hosts",
                  "issue",
                  "mysql",
                  "nginx",
                  "os-release",
                  "passwd",
                  "shadow",
                  "ssh",
                  "sudoers",
                  "systemd")),
          Map.entry("/home", List.of("ubuntu")),
          Map.entry(
              "/var",
              List.of(
                  "backups", "cache", "lib", "log", "mail", "opt", "run", "spool", "tmp", "www")),
          Map.entry("/var/www", List.of("html")),
          Map.entry("/var/www/html", List.of("index.nginx-debian.html")),
          Map.entry("/var/tmp", List.of(".", "..")),
          Map.entry("/dev/shm", List.of(".", "..")),
          Map.entry(
              "/usr",
              List.of(
                  "bin", "games", "include", "lib", "lib32", "lib64", "libexec", "local", "sbin",
                  "share", "src")),
          Map.entry("/opt", List.of()),
          Map.entry(
              "/root",
              List.of(".", "..", ".bash_history", ".bashrc", ".cache", ".profile", ".ssh")),
          Map.entry("/root/.ssh", List.of(".", "..", "authorized_keys")),
          Map.entry("/proc", List.of("1", "cpuinfo", "meminfo", "version", "uptime")));

  private static final Map<String, String> FILES =
      Map.ofEntries(
          Map.entry(
              "/etc/passwd",
              "root:x:0:0:root:/root:/bin/bash\n"
                  + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                  + "bin:x:2:2:bin:/bin:/usr/sbin/nologin\n"
                  + "sys:x:3:3:sys:/dev:/usr/sbin/nologin\n"
                  + "sync:x:4:65534:sync:/bin:/bin/sync\n"
                  + "games:x:5:60:games:/usr/games:/usr/sbin/nologin\n"
                  + "man:x:6:12:man:/var/cache/man:/usr/sbin/nologin\n"
                  + "mail:x:8:8:mail:/var/mail:/usr/sbin/nologin\n"
                  + "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n"
                  + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
                  + "systemd-network:x:100:102:systemd Network Management,,,:/run/systemd:/usr/sbin/nologin\n"
                  + "syslog:x:104:111::/home/syslog:/usr/sbin/nologin\n"
                  + "sshd:x:106:65534::/run/sshd:/usr/sbin/nologin\n"
                  + "mysql:x:113:119:MySQL Server,,,:/nonexistent:/bin/false\n"
                  + "ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n"),
          Map.entry("/etc/issue", "Ubuntu 22.04.4 LTS \\n \\l\n\n"),
          Map.entry(
              "/etc/os-release",
              "PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\n"
                  + "VERSION=\"22.04.4 LTS (Jammy Jellyfish)\"\nVERSION_CODENAME=jammy\nID=ubuntu\n"
                  + "ID_LIKE=debian\nHOME_URL=\"https://www.ubuntu.com/\"\nUBUNTU_CODENAME=jammy\n"),
          Map.entry(
              "/etc/hosts",
              "127.0.0.1 localhost\n127.0.1.1 ubuntu\n\n::1     ip6-localhost ip6-loopback\n"),
          Map.entry("/root/.ssh/authorized_keys", ""),
          Map.entry("/root/.bash_history", ""),
          Map.entry("/proc/uptime", "17307182.55 68795121.34\n"),
          Map.entry(
              "/proc/meminfo",
              "MemTotal:        4005132 kB\nMemFree:          389220 kB\nMemAvailable:    2535500 kB\n"
                  + "Buffers:          201344 kB\nCached:          2011004 kB\nSwapTotal:       2097148 kB\n"
                  + "SwapFree:        2085116 kB\n"),
          Map.entry("/proc/cpuinfo", cpuinfo()));

  private static String cpuinfo() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      sb.append("processor\t: ")
          .append(i)
          .append('\n')
          .append("vendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\n")
          .append("model name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz\n")
          .append("cpu MHz\t\t: 2394.374\ncache size\t: 28160 KB\ncpu cores\t: 4\n")
          .append(
              "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch avx2 avx512f\n\n");
    }
    return sb.toString();
  }
}

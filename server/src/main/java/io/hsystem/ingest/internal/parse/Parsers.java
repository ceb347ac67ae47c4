package io.hsystem.ingest.internal.parse;

import io.hsystem.protocol.SourceType;

/** The record parser of each JSON source format. */
public final class Parsers {

  private static final RecordParser SENSOR = new NativeParser(SourceType.HSYSTEM_SENSOR);
  private static final RecordParser AGENT = new NativeParser(SourceType.HSYSTEM_AGENT);
  private static final RecordParser SYSMON = new SysmonParser();
  private static final RecordParser ECS = new EcsParser();
  private static final RecordParser COWRIE = new CowrieParser();
  private static final RecordParser OPENCANARY = new OpenCanaryParser();

  private Parsers() {}

  /**
   * The parser for a JSON source.
   *
   * @throws IllegalArgumentException for {@link SourceType#SYSLOG}, which is line-based: use {@link
   *     SyslogParser}
   */
  public static RecordParser forSource(SourceType type) {
    return switch (type) {
      case HSYSTEM_SENSOR -> SENSOR;
      case HSYSTEM_AGENT -> AGENT;
      case SYSMON -> SYSMON;
      case ECS -> ECS;
      case COWRIE -> COWRIE;
      case OPENCANARY -> OPENCANARY;
      case SYSLOG ->
          throw new IllegalArgumentException(
              "syslog is line-based: use SyslogParser, not a JSON parser");
    };
  }
}

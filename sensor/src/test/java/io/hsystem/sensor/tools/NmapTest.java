package io.hsystem.sensor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.sensor.ExternalTools;
import io.hsystem.sensor.HoneypotServices;
import io.hsystem.sensor.RecordingSink;
import io.hsystem.sensor.TestSensors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** nmap's service detection names our decoys as the services they pretend to be. */
@Timeout(180)
class NmapTest {

  @Test
  void nmapServiceDetectionNamesTheDecoysAndTheScanIsOnePortScanEvent() throws Exception {
    String nmap = ExternalTools.require("nmap");
    RecordingSink sink = new RecordingSink();
    try (HoneypotServices services =
        HoneypotServices.start(TestSensors.only("ssh", "http", "ftp", "mysql", "redis"), sink)) {
      Map<String, Integer> ports = services.boundPorts();
      String portList =
          ports.values().stream().map(String::valueOf).collect(Collectors.joining(","));
      long start = System.nanoTime();
      Processes.Result result =
          Processes.run(
              List.of(
                  nmap,
                  "-sV",
                  "-Pn",
                  "-n",
                  "-p",
                  portList,
                  "--host-timeout",
                  "150s",
                  "127.0.0.1",
                  "-oX",
                  "-"),
              null,
              Duration.ofSeconds(170));
      System.out.printf(
          "nmap -sV took %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
      assertThat(result.exitCode()).as(result.output()).isZero();
      Map<Integer, String> named = servicesByPort(result.output());
      Map<String, String> byDecoy = new HashMap<>();
      ports.forEach((decoy, port) -> byDecoy.put(decoy, named.get(port)));
      System.out.println("nmap named the decoys: " + byDecoy);
      assertThat(byDecoy)
          .containsEntry("ssh", "ssh")
          .containsEntry("http", "http")
          .containsEntry("ftp", "ftp")
          .containsEntry("mysql", "mysql")
          .containsEntry("redis", "redis");
      assertThat(sink.ofType("port_scan")).hasSize(1);
      assertThat(sink.ofType("port_scan").get(0).getString("src_ip")).isEqualTo("127.0.0.1");
    }
  }

  private static Map<Integer, String> servicesByPort(String xml) throws Exception {
    int startXml = xml.indexOf("<?xml");
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    var doc =
        factory
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(xml.substring(startXml).getBytes(StandardCharsets.UTF_8)));
    Map<Integer, String> result = new HashMap<>();
    NodeList portNodes = doc.getElementsByTagName("port");
    for (int i = 0; i < portNodes.getLength(); i++) {
      Element port = (Element) portNodes.item(i);
      NodeList service = port.getElementsByTagName("service");
      if (service.getLength() > 0) {
        result.put(
            Integer.parseInt(port.getAttribute("portid")),
            ((Element) service.item(0)).getAttribute("name"));
      }
    }
    return result;
  }
}

package io.hsystem.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpNetworkTest {

  @Test
  void ipv4Networks() {
    IpNetwork net = IpNetwork.parse("192.168.0.0/16");
    assertThat(net.contains("192.168.255.1")).isTrue();
    assertThat(net.contains("192.169.0.1")).isFalse();
    assertThat(IpNetwork.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    assertThat(IpNetwork.parse("10.1.2.3").contains("10.1.2.3")).isTrue();
    assertThat(IpNetwork.parse("10.1.2.3").contains("10.1.2.4")).isFalse();
  }

  @Test
  void ipv6NetworksAndMappedIpv4() {
    assertThat(IpNetwork.parse("fe80::/10").contains("FE80::1ff:fe23:4567:890a")).isTrue();
    assertThat(IpNetwork.parse("fe80::/10").contains("fec0::1")).isFalse();
    assertThat(IpNetwork.parse("::1/128").contains("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(IpNetwork.parse("2001:db8::/32").contains("2001:db8:ffff::1")).isTrue();
    assertThat(IpNetwork.parse("10.0.0.0/8").contains("::ffff:10.9.8.7")).isTrue();
    assertThat(IpNetwork.parse("::/0").contains("10.0.0.1")).isTrue();
  }

  @Test
  void anythingButAnAddressIsNotInANetwork() {
    IpNetwork any = IpNetwork.parse("::/0");
    for (String bad :
        new String[] {
          "",
          "10.0.0.256",
          "1.2.3",
          "1.2.3.4.5",
          "01.2.3.4",
          "localhost",
          "::1::",
          "1:2:3:4:5:6:7:8:9",
          "12345::",
          "1::2::3",
          ":1",
          "1:"
        }) {
      assertThat(any.contains(bad)).as(bad).isFalse();
    }
  }

  @Test
  void invalidNetworksAreRefused() {
    assertThatThrownBy(() -> IpNetwork.parse("10.0.0.0/33")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> IpNetwork.parse("fe80::/129")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> IpNetwork.parse("10.0.0.0/x")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> IpNetwork.parse("example.com/8")).hasMessageContaining("not an IP");
  }
}

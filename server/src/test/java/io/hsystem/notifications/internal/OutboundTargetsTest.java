package io.hsystem.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundTargetsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "169.254.169.254",
        "169.254.0.1",
        "fe80::1",
        "fd00:ec2::254",
        "::ffff:169.254.169.254",
        "::169.254.169.254",
        "64:ff9b::a9fe:a9fe",
        "0.0.0.0",
        "::",
        "224.0.0.1",
        "ff02::1",
        "255.255.255.255"
      })
  void metadataLinkLocalAndNonUnicastAddressesAreRefused(String address) throws Exception {
    assertThat(OutboundTargets.refusal(InetAddress.getByName(address))).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "::1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.10",
        "fd00::1",
        "fd00:ec2::253",
        "203.0.113.7",
        "2001:db8::1"
      })
  void loopbackPrivateAndPublicAddressesAreAllowed(String address) throws Exception {
    assertThat(OutboundTargets.refusal(InetAddress.getByName(address))).isNull();
  }

  @Test
  void aNameIsCheckedByWhatItResolvesTo() throws Exception {
    assertThat(OutboundTargets.resolve("localhost")).allMatch(InetAddress::isLoopbackAddress);
    assertThatThrownBy(() -> OutboundTargets.resolve("169.254.169.254"))
        .isInstanceOf(DeliveryException.class)
        .hasMessage(
            "169.254.169.254 resolves to 169.254.169.254, a link-local address (cloud metadata"
                + " lives there); refused")
        .matches(e -> !((DeliveryException) e).isTransient());
  }
}

package io.chatvideo.recording.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses an outbound call may reach: public ones, and loopback only when allowed. */
class CheckedAddressesTest {

  private final CheckedAddresses strict = new CheckedAddresses(false, "some.allow-loopback");

  @ParameterizedTest
  @CsvSource({
      "169.254.169.254, a link-local address",
      "fe80::1, a link-local address",
      "10.0.0.1, a private address",
      "172.16.5.4, a private address",
      "192.168.1.1, a private address",
      "100.64.0.1, a private address",
      "fd00::1, a private address",
      "0.0.0.1, a private address",
      "0.0.0.0, not a unicast address",
      "224.0.0.1, not a unicast address",
      "127.0.0.1, a loopback address (allowed only with some.allow-loopback=true)",
      "::1, a loopback address (allowed only with some.allow-loopback=true)"})
  void refusesAddressesInsideTheNetwork(String address, String why) throws UnknownHostException {
    assertThat(strict.refusal(InetAddress.getByName(address))).isEqualTo(why);
  }

  @Test
  void publicAddressesAndAllowedLoopbackPass() throws UnknownHostException {
    assertThat(strict.refusal(InetAddress.getByName("93.184.215.14"))).isNull();
    assertThat(strict.refusal(InetAddress.getByName("2606:4700::1"))).isNull();
    assertThat(new CheckedAddresses(true, "x").refusal(InetAddress.getByName("127.0.0.1"))).isNull();
  }

  @Test
  void aNameIsRefusedWholeWhenAnyOfItsAddressesIs() {
    assertThatThrownBy(() -> strict.resolve("localhost")).isInstanceOf(RefusedAddressException.class)
        .hasMessageStartingWith("localhost resolves to ").hasMessageContaining("a loopback address");
  }
}

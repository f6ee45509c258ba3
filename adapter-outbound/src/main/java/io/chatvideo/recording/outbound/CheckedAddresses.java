package io.chatvideo.recording.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.http.conn.DnsResolver;

/**
 * The one name lookup an outbound connection uses: every address the name resolves to is
 * checked, and the socket connects to exactly those (HttpClient takes them from here and never
 * looks up again), so a name that resolves to a public address when checked and a private one
 * when connecting (DNS rebinding) cannot get through. Loopback is allowed only when configured
 * ({@code loopbackSetting} names the setting that allows it, for the message); private,
 * link-local (169.254.169.254, the cloud metadata service), carrier-grade NAT, unique local,
 * unspecified and multicast addresses never are.
 */
final class CheckedAddresses implements DnsResolver {

  private final boolean allowLoopback;
  private final String loopbackSetting;

  CheckedAddresses(boolean allowLoopback, String loopbackSetting) {
    this.allowLoopback = allowLoopback;
    this.loopbackSetting = loopbackSetting;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] addresses = InetAddress.getAllByName(host);
    for (InetAddress address : addresses) {
      String refusal = refusal(address);
      if (refusal != null) {
        throw new RefusedAddressException(host + " resolves to " + address.getHostAddress() + ", " + refusal);
      }
    }
    return addresses;
  }

  /** Why an address may not be connected to, or null when it may. */
  String refusal(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return allowLoopback ? null : "a loopback address (allowed only with " + loopbackSetting + "=true)";
    }
    if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return "not a unicast address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (address.isSiteLocalAddress() || isCarrierGradeNat(address) || isUniqueLocal(address)
        || isThisNetwork(address)) {
      return "a private address";
    }
    return null;
  }

  private static boolean isCarrierGradeNat(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
  }

  private static boolean isThisNetwork(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 && b[0] == 0;
  }

  private static boolean isUniqueLocal(InetAddress address) {
    return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
  }
}

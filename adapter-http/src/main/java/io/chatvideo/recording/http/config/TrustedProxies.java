package io.chatvideo.recording.http.config;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The proxies whose {@code X-Forwarded-For} is believed ({@code recording.trusted-proxies}, CIDRs
 * such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}, or single addresses). Matching is Netty's
 * {@link IpSubnetFilterRule} (IPv4 and IPv6); addresses are parsed as literals only, never looked
 * up in DNS.
 */
public final class TrustedProxies {

  private final List<IpSubnetFilterRule> ranges;

  private TrustedProxies(List<IpSubnetFilterRule> ranges) {
    this.ranges = ranges;
  }

  public static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  /** The ranges written in the setting; a value that is not an address or CIDR stops start-up naming it. */
  static TrustedProxies parse(List<String> written) {
    return new TrustedProxies(written.stream().map(String::strip).filter(s -> !s.isEmpty())
        .map(TrustedProxies::range).toList());
  }

  private static IpSubnetFilterRule range(String cidr) {
    int slash = cidr.indexOf('/');
    String address = slash < 0 ? cidr : cidr.substring(0, slash);
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes == null) {
      throw new InvalidConfigurationException("recording.trusted-proxies", "'" + cidr + "' is not an IP address or "
          + "a CIDR range such as 10.0.0.0/8 or 2001:db8::/32");
    }
    int bits = bytes.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bits) {
      throw new InvalidConfigurationException("recording.trusted-proxies", "'" + cidr + "' has a prefix length "
          + "outside 0 to " + bits);
    }
    return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean contains(InetAddress address) {
    InetSocketAddress socket = new InetSocketAddress(address, 0);
    return ranges.stream().anyMatch(range -> range.matches(socket));
  }

  /** An address literal from a header, as the proxies wrote it (brackets and a port allowed); empty when it is none. */
  public static Optional<InetAddress> literal(String text) {
    String value = text.strip();
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      value = end < 0 ? "" : value.substring(1, end);
    } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
      value = value.substring(0, value.indexOf(':')); // IPv4 with a port
    }
    return Optional.ofNullable(NetUtil.createInetAddressFromIpAddressString(value));
  }
}

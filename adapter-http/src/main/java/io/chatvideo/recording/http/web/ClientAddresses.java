package io.chatvideo.recording.http.web;

import io.chatvideo.recording.http.config.ServerSettings;
import io.chatvideo.recording.http.config.TrustedProxies;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The address a request came from, for per-address limits. The socket's peer, unless that peer is
 * one of {@code recording.trusted-proxies}: then {@code X-Forwarded-For} is read from the right
 * (the hop nearest to us) past every trusted proxy, and the first address no proxy of ours vouches
 * for is the client. Anything left of it was written by the client and is ignored, so a client
 * cannot choose its own budget; a header from a peer we do not trust is ignored altogether.
 */
@Singleton
public final class ClientAddresses {

  private final TrustedProxies proxies;

  ClientAddresses(ServerSettings settings) {
    this.proxies = settings.trustedProxies();
  }

  /**
   * An IP literal; empty for a request without a peer address, which then shares no per-address
   * budget with others alike.
   */
  public Optional<String> of(HttpRequest<?> request) {
    InetSocketAddress peer = request.getRemoteAddress();
    if (peer == null || peer.getAddress() == null) {
      return Optional.empty();
    }
    InetAddress client = peer.getAddress();
    if (proxies.isEmpty() || !proxies.contains(client)) {
      return Optional.of(client.getHostAddress());
    }
    List<String> hops = request.getHeaders().getAll("X-Forwarded-For").stream()
        .flatMap(header -> List.of(header.split(",")).stream()).toList();
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = TrustedProxies.literal(hops.get(i));
      if (hop.isEmpty()) {
        break; // a trusted proxy wrote something that is no address: the last good hop is as far as we know
      }
      client = hop.get();
      if (!proxies.contains(client)) {
        break;
      }
    }
    return Optional.of(client.getHostAddress());
  }
}

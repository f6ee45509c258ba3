package io.chatvideo.recording.cli.client;

import io.chatvideo.recording.cli.terminal.CliException;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Follows redirects itself rather than through the JDK client, whose follower sends every header
 * again, the bearer token too, to whatever host a Location names. A request that carries a token
 * follows a redirect only within its origin (scheme, host and port); any request refuses to go
 * from https to plain http. Presigned requests carry no token, so they may follow a store's
 * redirect to another host.
 */
final class Redirects {

  static final int MAX_HOPS = 5;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private Redirects() {}

  static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpRequest current = request;
    for (int hop = 0; ; hop++) {
      HttpResponse<T> response = http.send(current, handler);
      Optional<String> location = response.headers().firstValue("Location");
      if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
        return response;
      }
      discard(response.body());
      URI target = resolve(current.uri(), location.get());
      if (hop == MAX_HOPS) {
        throw new CliException(current.uri() + " redirected more than " + MAX_HOPS + " times; not following");
      }
      if (current.uri().getScheme().equals("https") && !target.getScheme().equals("https")) {
        throw new CliException(current.uri() + " redirected to " + target + ", plain http: not following it");
      }
      if (current.headers().firstValue("Authorization").isPresent() && !sameOrigin(current.uri(), target)) {
        throw new CliException(current.uri() + " redirected to " + target + ", another origin: not sending your "
            + "token there (if that is the recordings API, pass it with --api)");
      }
      current = redirected(current, target, response.statusCode());
    }
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static URI resolve(URI from, String location) {
    try {
      URI target = from.resolve(location.strip());
      if (target.getScheme() == null || target.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return target;
    } catch (IllegalArgumentException e) {
      throw new CliException(from + " redirected to '" + location + "', which is not a URL");
    }
  }

  /** 303, and 301/302 of anything but GET, become a GET without body, as browsers do; 307/308 repeat the request. */
  private static HttpRequest redirected(HttpRequest request, URI target, int status) {
    boolean toGet = status == 303 || ((status == 301 || status == 302) && !request.method().equals("GET"));
    HttpRequest.Builder next = HttpRequest.newBuilder(request,
        (name, value) -> !toGet || !name.toLowerCase(Locale.ROOT).startsWith("content-")).uri(target);
    return (toGet ? next.GET() : next).build();
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static void discard(Object body) throws IOException {
    if (body instanceof Closeable closeable) {
      closeable.close();
    }
  }
}

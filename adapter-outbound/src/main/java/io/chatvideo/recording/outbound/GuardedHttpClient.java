package io.chatvideo.recording.outbound;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * An Apache HttpClient for URLs given from outside (a webhook endpoint, a transcription server):
 * every connection's address comes from the checked lookup (a refused one fails with {@link
 * RefusedAddressException} before any connection), no redirects, no automatic retries, no
 * cookies, no authentication caching, no proxy from the environment; {@code timeout} bounds the
 * connect and each read (the caller bounds the whole exchange).
 *
 * <pre>{@code
 * CloseableHttpClient client = GuardedHttpClient.create(Duration.ofSeconds(15), false,
 *     "recording.webhook.allow-loopback", "call-recordings-webhooks/1");
 * }</pre>
 */
public final class GuardedHttpClient {

  private GuardedHttpClient() {
  }

  /**
   * @param allowLoopback whether loopback addresses may be reached (tests, a server on this machine)
   * @param loopbackSetting the setting that allows loopback, named when a loopback address is refused
   */
  public static CloseableHttpClient create(Duration timeout, boolean allowLoopback, String loopbackSetting,
      String userAgent) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
        RegistryBuilder.<ConnectionSocketFactory>create()
            .register("http", PlainConnectionSocketFactory.getSocketFactory())
            .register("https", SSLConnectionSocketFactory.getSystemSocketFactory())
            .build(),
        null, null, new CheckedAddresses(allowLoopback, loopbackSetting), 1, TimeUnit.MINUTES);
    connections.setMaxTotal(64);
    connections.setDefaultMaxPerRoute(8);
    return HttpClients.custom()
        .setConnectionManager(connections)
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent(userAgent)
        .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(millis).setSocketTimeout(millis)
            .setConnectionRequestTimeout(millis).build())
        .build();
  }
}

package io.chatvideo.recording.webhook;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.domain.WebhookUrlPolicy;
import io.chatvideo.recording.core.port.out.WebhookSender;
import io.chatvideo.recording.outbound.GuardedHttpClient;
import io.chatvideo.recording.outbound.RefusedAddressException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;

/**
 * Sends events as Standard Webhooks: a POST of the event's JSON with {@code webhook-id} (the
 * event's id, the same on every retry), {@code webhook-timestamp} (epoch seconds of this attempt)
 * and {@code webhook-signature}. A 2xx answer is delivered, 410 is gone, anything else (redirects
 * are not followed) or no answer within the timeout is failed. At most {@code maxResponseBytes}
 * of an answer are read, then the connection is dropped.
 *
 * <pre>{@code
 * try (StandardWebhookSender sender = StandardWebhookSender.create(WebhookSettings.defaults(false))) {
 *   WebhookResponse response = sender.send(endpoint, event, clock.instant());
 * }
 * }</pre>
 */
public final class StandardWebhookSender implements WebhookSender, AutoCloseable {

  private final WebhookSettings settings;
  private final WebhookUrlPolicy urls;
  private final CloseableHttpClient client;
  private final ScheduledExecutorService deadlines;

  private StandardWebhookSender(WebhookSettings settings, CloseableHttpClient client) {
    this.settings = settings;
    this.urls = new WebhookUrlPolicy(settings.allowLoopback());
    this.client = client;
    this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "webhook-deadlines");
      thread.setDaemon(true);
      return thread;
    });
  }

  public static StandardWebhookSender create(WebhookSettings settings) {
    CloseableHttpClient client = GuardedHttpClient.create(settings.timeout(), settings.allowLoopback(),
        "recording.webhook.allow-loopback", "call-recordings-webhooks/1");
    return new StandardWebhookSender(settings, client);
  }

  @Override
  public WebhookResponse send(WebhookEndpoint endpoint, RecordingEvent event, Instant now) {
    long started = System.nanoTime();
    try {
      urls.check(endpoint.url().toString());
    } catch (InvalidInputException refused) {
      return new WebhookResponse.Failed("refused: " + refused.reason(), Duration.ZERO);
    }
    long timestamp = now.getEpochSecond();
    HttpPost post = new HttpPost(endpoint.url().uri());
    post.setHeader("webhook-id", event.id().value());
    post.setHeader("webhook-timestamp", Long.toString(timestamp));
    post.setHeader("webhook-signature", Signature.header(endpoint.secrets(), event.id().value(), timestamp,
        event.body()));
    post.setEntity(new StringEntity(event.body(), ContentType.APPLICATION_JSON));
    // The socket timeout bounds each read; this bounds the whole attempt, against a receiver that trickles.
    ScheduledFuture<?> deadline = deadlines.schedule(post::abort, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    try (CloseableHttpResponse response = client.execute(post)) {
      int status = response.getStatusLine().getStatusCode();
      if (!drain(response.getEntity())) {
        post.abort();
      }
      Duration latency = since(started);
      if (status >= 200 && status < 300) {
        return new WebhookResponse.Delivered(status, latency);
      }
      if (status == 410) {
        return new WebhookResponse.Gone(latency);
      }
      return new WebhookResponse.Failed("HTTP " + status + (status >= 300 && status < 400
          ? " (redirects are not followed)" : ""), latency);
    } catch (RefusedAddressException refused) {
      return new WebhookResponse.Failed("refused: " + refused.getMessage(), since(started));
    } catch (SocketTimeoutException timedOut) {
      return new WebhookResponse.Failed("no answer within " + settings.timeout().toMillis() + " ms", since(started));
    } catch (IOException | UncheckedIOException e) {
      Duration latency = since(started);
      if (post.isAborted()) {
        return new WebhookResponse.Failed("no complete answer within " + settings.timeout().toMillis() + " ms",
            latency);
      }
      return new WebhookResponse.Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), latency);
    } finally {
      deadline.cancel(false);
    }
  }

  /**
   * Reads the answer up to the bound and discards it; false when there was more, and the caller
   * drops the connection (closing the stream would read the rest, to reuse the connection).
   */
  private boolean drain(HttpEntity entity) throws IOException {
    if (entity == null) {
      return true;
    }
    InputStream body = entity.getContent();
    byte[] buffer = new byte[1024];
    long left = settings.maxResponseBytes();
    while (true) {
      int read = body.read(buffer, 0, (int) Math.max(1, Math.min(buffer.length, left)));
      if (read == -1) {
        return true;
      }
      left -= read;
      if (left < 0) {
        return false;
      }
    }
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Override
  public void close() throws IOException {
    deadlines.shutdownNow();
    client.close();
  }
}

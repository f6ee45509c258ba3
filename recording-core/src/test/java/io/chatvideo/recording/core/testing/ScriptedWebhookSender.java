package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.port.out.WebhookSender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A {@link WebhookSender} that answers what the test scripted (2xx when nothing is), and keeps what it was given. */
public final class ScriptedWebhookSender implements WebhookSender {

  /** One call: where, what, when. */
  public record Sent(WebhookEndpoint endpoint, RecordingEvent event, Instant at) {}

  private final Deque<WebhookResponse> script = new ArrayDeque<>();
  private final List<Sent> sent = new ArrayList<>();

  public synchronized void answerNext(WebhookResponse response) {
    script.add(response);
  }

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  @Override
  public synchronized WebhookResponse send(WebhookEndpoint endpoint, RecordingEvent event, Instant now) {
    sent.add(new Sent(endpoint, event, now));
    WebhookResponse next = script.poll();
    return next != null ? next : new WebhookResponse.Delivered(204, Duration.ofMillis(5));
  }
}

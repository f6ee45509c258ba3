package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.util.Objects;

/** What became of one attempt at sending an event, as the sender saw it. */
public sealed interface WebhookResponse {

  Duration latency();

  /** A 2xx answer: delivered. */
  record Delivered(int status, Duration latency) implements WebhookResponse {
    public Delivered {
      Objects.requireNonNull(latency, "latency");
    }
  }

  /** 410 Gone: the receiver asks never to be sent anything again. */
  record Gone(Duration latency) implements WebhookResponse {
    public Gone {
      Objects.requireNonNull(latency, "latency");
    }
  }

  /** Any other answer (a 3xx is not followed), or none: tried again on the schedule. */
  record Failed(String error, Duration latency) implements WebhookResponse {
    public Failed {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(latency, "latency");
    }
  }
}

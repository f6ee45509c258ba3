package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookResponse;
import java.time.Instant;

/**
 * Sends one event to one endpoint, signed with the endpoint's secrets at {@code now}. Never throws
 * for what the network or the receiver does: that is a {@link WebhookResponse.Failed}.
 */
public interface WebhookSender {

  WebhookResponse send(WebhookEndpoint endpoint, RecordingEvent event, Instant now);
}

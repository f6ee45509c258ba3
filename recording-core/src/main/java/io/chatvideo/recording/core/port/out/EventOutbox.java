package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The recording repository's writes, each together with the event it causes: the change, the
 * event and a {@link io.chatvideo.recording.core.domain.JobKind#PUBLISH_EVENT} job for it are
 * stored in one atomic step (SQLite: one transaction), so a crash keeps all three or none.
 *
 * <pre>{@code
 * outbox.replace(completed, RecordingStatus.PENDING, event);   // instead of repository.replace
 * }</pre>
 */
public interface EventOutbox {

  /** {@link RecordingRepository#replace}, and the event with it. */
  void replace(Recording recording, RecordingStatus expected, RecordingEvent event);

  /** {@link RecordingRepository#delete}, and the event with it (recorded even if the recording was gone). */
  void delete(RecordingId id, RecordingEvent event);

  /**
   * An event with its publish job that goes with no change of the recording's (a speaker
   * timeline kept in its own store): written once that store has what the event reports.
   */
  void publish(RecordingEvent event);

  /** The event alone (a {@code webhook.test}, delivered to one endpoint by the caller), with no publish job. */
  void record(RecordingEvent event);

  /** An event written here; empty once it is no longer kept. */
  Optional<RecordingEvent> find(EventId id);

  /**
   * Queues the publish job again of each event whose job may have been lost, and answers how
   * many; run by the sweep. An outbox that cannot write the job with the change (DynamoDB and
   * SQS share no transaction) marks the event until its job is sent; SQLite writes the job in
   * the change's transaction, so there is nothing to relay.
   */
  default int relay(Instant now) {
    return 0;
  }

  /**
   * Forgets the events that occurred before {@code before}, and what was recorded of their
   * deliveries, so that {@link #find} answers empty for them; run by the sweep with the
   * retention the builder was given. Answers how many events went. A store that expires them on
   * its own (DynamoDB's TTL) does nothing here.
   */
  default int forget(Instant before) {
    return 0;
  }
}

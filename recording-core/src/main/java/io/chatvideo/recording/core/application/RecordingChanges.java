package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.port.out.EventOutbox;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place a state change that people are told about is written: with an outbox, the change
 * and its event are one atomic write; without one (events off), the repository's plain write.
 * An event's publish job is written with it, so the bell rings after each such write.
 */
final class RecordingChanges {

  private final RecordingRepository repository;
  private final Optional<EventOutbox> outbox;
  private final JobBell bell;
  private final Duration eventRetention;

  RecordingChanges(RecordingRepository repository, Optional<EventOutbox> outbox, JobBell bell,
      Duration eventRetention) {
    this.repository = repository;
    this.outbox = outbox;
    this.bell = bell;
    this.eventRetention = eventRetention;
  }

  void replace(Recording recording, RecordingStatus expected, EventType type, Instant now) {
    if (outbox.isPresent()) {
      outbox.get().replace(recording, expected, EventPayloads.of(type, recording, now));
      bell.ring();
    } else {
      repository.replace(recording, expected);
    }
  }

  /**
   * A partial recording replaced by the whole call its client completed: {@code recording.completed}
   * again, with {@code partial: false} and {@code replaces_partial: true}.
   */
  void replaceWholeCall(CompletedRecording recording, Instant now) {
    if (outbox.isPresent()) {
      outbox.get().replace(recording, RecordingStatus.COMPLETED, EventPayloads.replacesPartial(recording, now));
      bell.ring();
    } else {
      repository.replace(recording, RecordingStatus.COMPLETED);
    }
  }

  /**
   * The sweep's part: events whose publish job may have been lost are queued again (answers how
   * many), and events older than their retention are forgotten with their delivery log.
   */
  int relay(Instant now) {
    return outbox.map(events -> {
      int relayed = events.relay(now);
      events.forget(now.minus(eventRetention));
      return relayed;
    }).orElse(0);
  }

  /** {@code recording} as it was when it went: the event's data. */
  void delete(Recording recording, EventType type, Instant now) {
    RecordingId id = recording.id();
    if (outbox.isPresent()) {
      outbox.get().delete(id, EventPayloads.of(type, recording, now));
      bell.ring();
    } else {
      repository.delete(id);
    }
  }
}

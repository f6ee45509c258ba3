package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.port.out.EventOutbox;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link EventOutbox} over the in-memory repository and queue: one lock around the change, the
 * event and its publish job, which is what atomic means in one JVM.
 */
public final class InMemoryEventOutbox implements EventOutbox {

  private final InMemoryRecordingRepository repository;
  private final JobQueue jobs;
  private final List<RecordingEvent> events = new ArrayList<>();

  public InMemoryEventOutbox(InMemoryRecordingRepository repository, JobQueue jobs) {
    this.repository = repository;
    this.jobs = jobs;
  }

  @Override
  public void replace(Recording recording, RecordingStatus expected, RecordingEvent event) {
    synchronized (repository) {
      repository.replace(recording, expected);
      publish(event);
    }
  }

  @Override
  public void delete(RecordingId id, RecordingEvent event) {
    synchronized (repository) {
      repository.delete(id);
      publish(event);
    }
  }

  @Override
  public synchronized void record(RecordingEvent event) {
    events.add(event);
  }

  @Override
  public synchronized Optional<RecordingEvent> find(EventId id) {
    return events.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  @Override
  public synchronized int forget(Instant before) {
    int kept = events.size();
    events.removeIf(event -> event.timestamp().isBefore(before));
    return kept - events.size();
  }

  /** Every event written, oldest first. */
  public synchronized List<RecordingEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public synchronized void publish(RecordingEvent event) {
    events.add(event);
    jobs.enqueue(JobKind.PUBLISH_EVENT, event.id().toString(), event.timestamp());
  }
}

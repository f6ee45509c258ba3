package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.port.out.ForwardingJobQueue;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Instant;

/** The builder's queue, ringing this process's {@link JobBell} after every job it writes. */
final class RingingJobQueue extends ForwardingJobQueue {

  private final JobBell bell;

  RingingJobQueue(JobQueue queue, JobBell bell) {
    super(queue);
    this.bell = bell;
  }

  @Override
  public JobId enqueue(JobKind kind, String subject, Instant now, Instant dueAt) {
    JobId id = super.enqueue(kind, subject, now, dueAt);
    bell.ring();
    return id;
  }
}

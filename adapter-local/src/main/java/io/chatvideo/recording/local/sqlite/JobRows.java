package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.DeadJob;
import io.chatvideo.recording.core.domain.Job;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Jobs to and from rows of {@code jobs}; times are epoch nanoseconds, as in {@code recordings}.
 *
 * <p>{@link #insert} is the outbox's half of a transaction: called on the connection of a
 * {@link SqliteDatabase#write} that also changes a recording, the job is queued exactly when that
 * change commits, and a crash before the commit loses both, never one of them.
 */
final class JobRows {

  /** The columns {@link #job} expects. */
  static final String JOB_COLUMNS = "id, kind, subject";

  /** The columns {@link #dead} expects. */
  static final String DEAD_COLUMNS = JOB_COLUMNS + ", attempts, last_reason, died_at";

  private JobRows() {}

  /**
   * Queues a job, due at {@code now}, in the caller's transaction.
   *
   * <pre>{@code
   * database.write(connection -> {
   *   // ... UPDATE recordings SET status = 'COMPLETED' ...
   *   JobRows.insert(connection, JobKind.PROCESS_RECORDING, recording.id().toString(), now);
   *   return null;
   * });
   * }</pre>
   */
  static JobId insert(Connection connection, JobKind kind, String subject, Instant now) throws SQLException {
    return insert(connection, kind, subject, now, now);
  }

  /** Queues a job that no lease takes before {@code dueAt}, in the caller's transaction. */
  static JobId insert(Connection connection, JobKind kind, String subject, Instant now, Instant dueAt)
      throws SQLException {
    Job job = new Job(JobId.random(), kind, subject);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jobs"
        + " (id, kind, subject, enqueued_at, state, visible_again_at, attempts) VALUES (?, ?, ?, ?, 'QUEUED', ?, 0)")) {
      long enqueued = RecordingRows.nanos(now);
      insert.setString(1, job.id().toString());
      insert.setString(2, job.kind().name());
      insert.setString(3, job.subject());
      insert.setLong(4, enqueued);
      insert.setLong(5, Math.max(enqueued, RecordingRows.nanos(dueAt)));
      insert.executeUpdate();
    }
    return job.id();
  }

  static Job job(ResultSet rs) throws SQLException {
    return new Job(new JobId(UUID.fromString(rs.getString("id"))), JobKind.valueOf(rs.getString("kind")),
        rs.getString("subject"));
  }

  static DeadJob dead(ResultSet rs) throws SQLException {
    return new DeadJob(job(rs), rs.getInt("attempts"), rs.getString("last_reason"),
        RecordingRows.instant(rs.getLong("died_at")));
  }
}

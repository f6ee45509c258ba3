package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.DeadJob;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.local.run.LocalRun;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The job queue in the {@code jobs} table of the recordings' SQLite file, so that a recording's
 * change and the job it causes can commit together ({@link JobRows#insert}). Every lease, answer
 * and burial is one write transaction ({@code BEGIN IMMEDIATE}): two leases, from threads of this
 * process or from another process on the same file, never take the same job. A lease is a fresh
 * receipt and a new {@code visible_again_at}; a complete or fail carrying any other receipt than
 * the job's current one changes nothing. Time is only ever the {@code now} given.
 *
 * <pre>{@code
 * JobQueue jobs = SqliteJobQueue.on(repository, 5);
 * jobs.lease(clock.instant(), Duration.ofMinutes(10)).ifPresent(lease -> { ...; jobs.complete(lease); });
 * }</pre>
 */
public final class SqliteJobQueue implements JobQueue {

  private static final String HELD = " WHERE id = ? AND state = 'QUEUED' AND receipt = ?";

  private final SqliteDatabase database;
  private final int maxAttempts;
  private final String holder;

  SqliteJobQueue(SqliteDatabase database, int maxAttempts) {
    this(database, maxAttempts, LocalRun.current().name());
  }

  SqliteJobQueue(SqliteDatabase database, int maxAttempts, String holder) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("a job gets at least one attempt, not " + maxAttempts);
    }
    this.database = database;
    this.maxAttempts = maxAttempts;
    this.holder = Objects.requireNonNull(holder, "holder");
  }

  /**
   * The queue in {@code recordings}' database file, over its connections; it lives as long as the
   * repository does. A job gets {@code maxAttempts} leases before the queue gives up on it. Its
   * leases name this process's run ({@link LocalRun}).
   */
  public static SqliteJobQueue on(SqliteRecordingRepository recordings, int maxAttempts) {
    return new SqliteJobQueue(recordings.database(), maxAttempts);
  }

  /**
   * Gives back, due at {@code now}, every job leased by a run that {@code alive} says is over (a
   * process that was killed, or crashed, before it answered): the next worker takes it at once
   * instead of when the lease would have run out. Answers how many jobs came back.
   */
  public static int reclaim(SqliteRecordingRepository recordings, Instant now, Predicate<String> alive) {
    return reclaim(recordings.database(), now, alive);
  }

  static int reclaim(SqliteDatabase database, Instant now, Predicate<String> alive) {
    List<String> holders = database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT holder FROM jobs"
          + " WHERE receipt IS NOT NULL AND holder IS NOT NULL AND state = 'QUEUED'")) {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
        return found;
      }
    });
    List<String> dead = holders.stream().filter(alive.negate()).toList();
    if (dead.isEmpty()) {
      return 0;
    }
    return database.write(connection -> {
      int back = 0;
      try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET receipt = NULL, holder = NULL,"
          + " visible_again_at = MIN(visible_again_at, ?) WHERE holder = ? AND receipt IS NOT NULL AND state = 'QUEUED'")) {
        for (String run : dead) {
          update.setLong(1, RecordingRows.nanos(now));
          update.setString(2, run);
          back += update.executeUpdate();
        }
      }
      return back;
    });
  }

  @Override
  public JobId enqueue(JobKind kind, String subject, Instant now, Instant dueAt) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(dueAt, "dueAt");
    return database.write(connection -> JobRows.insert(connection, kind, subject, now, dueAt));
  }

  @Override
  public Optional<JobLease> lease(Instant now, Duration visibility) {
    Objects.requireNonNull(now, "now");
    if (visibility.isNegative() || visibility.isZero()) {
      throw new IllegalArgumentException("a lease lasts a positive time, not " + visibility);
    }
    long nowNanos = RecordingRows.nanos(now);
    Instant until = now.plus(visibility);
    // Idle workers poll: a look in autocommit first keeps them off the write lock that recordings
    // need, until there is something to take.
    if (!anythingDue(nowNanos)) {
      return Optional.empty();
    }
    return database.write(connection -> {
      try (PreparedStatement bury = connection.prepareStatement("UPDATE jobs SET state = 'DEAD', died_at = ?,"
          + " receipt = NULL, holder = NULL, last_reason = COALESCE(last_reason, 'the lease of attempt ' || attempts"
          + " || ' ended without an answer') WHERE state = 'QUEUED' AND visible_again_at <= ? AND attempts >= ?")) {
        bury.setLong(1, nowNanos);
        bury.setLong(2, nowNanos);
        bury.setInt(3, maxAttempts);
        bury.executeUpdate();
      }
      String receipt = UUID.randomUUID().toString();
      try (PreparedStatement take = connection.prepareStatement("UPDATE jobs SET attempts = attempts + 1,"
          + " receipt = ?, holder = ?, visible_again_at = ?, last_reason = NULL WHERE id = (SELECT id FROM jobs"
          + " WHERE state = 'QUEUED' AND visible_again_at <= ? ORDER BY visible_again_at, enqueued_at LIMIT 1)"
          + " RETURNING " + JobRows.JOB_COLUMNS + ", attempts")) {
        take.setString(1, receipt);
        take.setString(2, holder);
        take.setLong(3, RecordingRows.nanos(until));
        take.setLong(4, nowNanos);
        try (ResultSet rs = take.executeQuery()) {
          return rs.next() ? Optional.of(new JobLease(JobRows.job(rs), rs.getInt("attempts"), receipt, until))
              : Optional.<JobLease>empty();
        }
      }
    });
  }

  @Override
  public void complete(JobLease lease) {
    Objects.requireNonNull(lease, "lease");
    database.write(connection -> {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM jobs" + HELD)) {
        delete.setString(1, lease.job().id().toString());
        delete.setString(2, lease.receipt());
        return delete.executeUpdate();
      }
    });
  }

  @Override
  public boolean extend(JobLease lease, Instant now, Duration visibility) {
    Objects.requireNonNull(lease, "lease");
    long until = RecordingRows.nanos(now.plus(visibility));
    return database.write(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET visible_again_at = ?" + HELD)) {
        update.setLong(1, until);
        update.setString(2, lease.job().id().toString());
        update.setString(3, lease.receipt());
        return update.executeUpdate();
      }
    }) == 1;
  }

  @Override
  public void release(JobLease lease, Instant now) {
    Objects.requireNonNull(lease, "lease");
    long due = RecordingRows.nanos(now);
    database.write(connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE jobs SET visible_again_at = ?, receipt = NULL, holder = NULL" + HELD)) {
        update.setLong(1, due);
        update.setString(2, lease.job().id().toString());
        update.setString(3, lease.receipt());
        return update.executeUpdate();
      }
    });
  }

  /** A retry after the job's last attempt buries it at once, with this reason. */
  @Override
  public void fail(JobLease lease, String reason, Optional<Instant> retryAt, Instant now) {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(retryAt, "retryAt");
    Objects.requireNonNull(now, "now");
    long nowNanos = RecordingRows.nanos(now);
    long due = RecordingRows.nanos(retryAt.orElse(now));
    database.write(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET"
          + " state = CASE WHEN ? OR attempts >= ? THEN 'DEAD' ELSE 'QUEUED' END,"
          + " died_at = CASE WHEN ? OR attempts >= ? THEN ? END,"
          + " visible_again_at = ?, receipt = NULL, holder = NULL, last_reason = ?" + HELD)) {
        boolean bury = retryAt.isEmpty();
        update.setBoolean(1, bury);
        update.setInt(2, maxAttempts);
        update.setBoolean(3, bury);
        update.setInt(4, maxAttempts);
        update.setLong(5, nowNanos);
        update.setLong(6, due);
        update.setString(7, reason.isBlank() ? "failed" : reason);
        update.setString(8, lease.job().id().toString());
        update.setString(9, lease.receipt());
        return update.executeUpdate();
      }
    });
  }

  @Override
  public List<DeadJob> dead(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + JobRows.DEAD_COLUMNS
          + " FROM jobs WHERE state = 'DEAD' ORDER BY died_at DESC, id DESC LIMIT ?")) {
        select.setInt(1, limit);
        List<DeadJob> dead = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            dead.add(JobRows.dead(rs));
          }
        }
        return dead;
      }
    });
  }

  @Override
  public int maxAttempts() {
    return maxAttempts;
  }

  private boolean anythingDue(long nowNanos) {
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT 1 FROM jobs WHERE state = 'QUEUED' AND visible_again_at <= ? LIMIT 1")) {
        select.setLong(1, nowNanos);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next();
        }
      }
    });
  }
}

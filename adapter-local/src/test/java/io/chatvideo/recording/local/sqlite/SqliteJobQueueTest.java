package io.chatvideo.recording.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.DeadJob;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.testing.JobQueueContract;
import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.core.testing.TestRecordings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job queue contract against a real SQLite file in a fresh folder, on a clock the test moves;
 * then what this queue does beyond the contract.
 */
class SqliteJobQueueTest extends JobQueueContract {

  @TempDir
  Path folder;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
  private final List<SqliteDatabase> opened = new ArrayList<>();

  @Override
  protected JobQueue queue() {
    return new SqliteJobQueue(open(folder.resolve("recordings-" + opened.size() + ".db")), MAX_ATTEMPTS);
  }

  @Override
  protected Instant now() {
    return clock.instant();
  }

  @Override
  protected void pass(Duration duration) {
    clock.advance(duration);
  }

  @AfterEach
  void close() {
    opened.forEach(SqliteDatabase::close);
  }

  @Test
  void aRetryAskedForAfterTheLastAttemptBuriesTheJobAtOnceWithItsReason() {
    JobQueue queue = queue();
    JobId id = queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());
    for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      queue.fail(queue.lease(now(), STEP).orElseThrow(), "busy", Optional.of(now()), now());
    }
    JobLease last = queue.lease(now(), STEP).orElseThrow();
    assertThat(last.attempt()).isEqualTo(MAX_ATTEMPTS);

    queue.fail(last, "ffmpeg timed out", Optional.of(now().plusSeconds(60)), now());

    assertThat(queue.dead(10)).singleElement().satisfies(dead -> {
      assertThat(dead.job().id()).isEqualTo(id);
      assertThat(dead.attempts()).isEqualTo(MAX_ATTEMPTS);
      assertThat(dead.reason()).isEqualTo("ffmpeg timed out");
      assertThat(dead.diedAt()).isEqualTo(now());
    });
    pass(Duration.ofMinutes(2));
    assertThat(queue.lease(now(), STEP)).isEmpty();
  }

  @Test
  void aJobWhoseLastLeaseRanOutIsBuriedByTheNextLeaseWithThatAsItsReason() {
    JobQueue queue = queue();
    queue.enqueue(JobKind.PROCESS_RECORDING, "kills-its-worker", now());
    queue.fail(queue.lease(now(), STEP).orElseThrow(), "out of memory", Optional.of(now()), now());
    for (int attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      queue.lease(now(), STEP).orElseThrow();
      pass(STEP.plusSeconds(1));
    }

    assertThat(queue.lease(now(), STEP)).isEmpty();

    assertThat(queue.dead(10)).singleElement().satisfies(dead -> {
      assertThat(dead.attempts()).isEqualTo(MAX_ATTEMPTS);
      assertThat(dead.reason()).as("the last attempt's end, not an earlier one's")
          .isEqualTo("the lease of attempt " + MAX_ATTEMPTS + " ended without an answer");
      assertThat(dead.diedAt()).isEqualTo(now());
    });
  }

  @Test
  void theDeadListStopsAtItsLimitWithTheMostRecent() {
    JobQueue queue = queue();
    for (int i = 0; i < 5; i++) {
      queue.enqueue(JobKind.PROCESS_RECORDING, "rec-" + i, now());
      queue.fail(queue.lease(now(), STEP).orElseThrow(), "reason " + i, Optional.empty(), now());
      pass(Duration.ofSeconds(1));
    }

    assertThat(queue.dead(2)).extracting(DeadJob::reason).containsExactly("reason 4", "reason 3");
  }

  @Test
  void queuedJobsAndHeldLeasesOutliveClosingTheFile() {
    Path file = folder.resolve("reopened.db");
    SqliteDatabase before = open(file);
    JobQueue queue = new SqliteJobQueue(before, MAX_ATTEMPTS);
    JobId held = queue.enqueue(JobKind.PROCESS_RECORDING, "rec-held", now());
    JobId waiting = queue.enqueue(JobKind.PROCESS_RECORDING, "rec-waiting", now().plusNanos(1));
    JobLease lease = queue.lease(now(), Duration.ofMinutes(1)).orElseThrow();
    assertThat(lease.job().id()).isEqualTo(held);
    before.close();

    JobQueue reopened = new SqliteJobQueue(open(file), MAX_ATTEMPTS);
    pass(Duration.ofSeconds(1));

    assertThat(reopened.lease(now(), Duration.ofMinutes(1))).hasValueSatisfying(l ->
        assertThat(l.job().id()).isEqualTo(waiting));
    assertThat(reopened.lease(now(), Duration.ofMinutes(1))).as("still leased").isEmpty();
    reopened.complete(lease);
    pass(Duration.ofMinutes(2));
    assertThat(reopened.lease(now(), Duration.ofMinutes(1))).hasValueSatisfying(l ->
        assertThat(l.job().id()).as("the completed job stays done").isEqualTo(waiting));
  }

  @Test
  void aDatabaseWrittenBeforeTheJobsTableGainsItAndKeepsItsRecordings() throws Exception {
    Path file = folder.resolve("version-1.db");
    PendingRecording kept = TestRecordings.pending("alice@example.com", "room-1", now());
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
      for (String sql : SchemaMigrations.MIGRATIONS.get(1)) {
        statement.execute(sql);
      }
      statement.execute("INSERT INTO schema_version (version, applied_at) VALUES (1, '2026-01-01T00:00:00Z')");
      // The row as version 1 wrote it: its columns only, none of the later migrations'.
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO recordings (id, room_id, owner, "
          + "object_key, filename, content_type, declared_size, created_at, expires_at, status, upload_expires_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)")) {
        insert.setString(1, kept.id().toString());
        insert.setString(2, kept.details().roomId().value());
        insert.setString(3, kept.details().owner().value());
        insert.setString(4, kept.details().objectKey().value());
        insert.setString(5, kept.details().filename().value());
        insert.setString(6, kept.details().contentType().value());
        insert.setLong(7, kept.details().declaredSize().getAsLong());
        insert.setLong(8, RecordingRows.nanos(kept.details().createdAt()));
        insert.setLong(9, RecordingRows.nanos(kept.details().expiresAt()));
        insert.setLong(10, RecordingRows.nanos(kept.uploadExpiresAt()));
        insert.executeUpdate();
      }
    }

    SqliteDatabase upgraded = open(file);
    JobQueue queue = new SqliteJobQueue(upgraded, MAX_ATTEMPTS);
    JobId id = queue.enqueue(JobKind.PROCESS_RECORDING, kept.id().toString(), now());

    assertThat(queue.lease(now(), STEP)).hasValueSatisfying(l -> assertThat(l.job().id()).isEqualTo(id));
    assertThat(new SqliteRecordingRepository(upgraded).find(kept.id())).contains(kept);
    // Migration 7 folded the old row's file name ("call é …") beyond ASCII for q.
    RecordingFilter search = RecordingFilter.parse(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of("CALL É"), Optional.empty(), Optional.empty());
    assertThat(new SqliteRecordingRepository(upgraded).list(search, kept.details().owner(), now(), 10, Optional.empty())
        .recordings()).containsExactly(kept);
  }

  @Test
  void argumentsNoQueueCouldHonourAreRefused() {
    JobQueue queue = queue();

    assertThatThrownBy(() -> queue.lease(now(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> queue.dead(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> new SqliteJobQueue(open(folder.resolve("none.db")), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one attempt");
    assertThatThrownBy(() -> queue.enqueue(JobKind.PROCESS_RECORDING, "", now()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");
  }

  private SqliteDatabase open(Path file) {
    SqliteDatabase database = SqliteDatabase.open(file, clock);
    opened.add(database);
    return database;
  }

  @Test
  void reclaimingGivesBackAtOnceTheJobsOfDeadRunsAndLeavesLiveRunsTheirs() {
    SqliteDatabase database = open(folder.resolve("runs.db"));
    SqliteJobQueue dead = new SqliteJobQueue(database, MAX_ATTEMPTS, "run-1-1");
    SqliteJobQueue live = new SqliteJobQueue(database, MAX_ATTEMPTS, "run-2-2");
    dead.enqueue(JobKind.PROCESS_RECORDING, "held-by-the-dead", now());
    dead.lease(now(), LONG).orElseThrow();
    live.enqueue(JobKind.PROCESS_RECORDING, "held-by-the-living", now());
    live.lease(now(), LONG).orElseThrow();

    int back = SqliteJobQueue.reclaim(database, now(), run -> run.equals("run-2-2"));

    assertThat(back).isEqualTo(1);
    JobLease again = live.lease(now(), LONG).orElseThrow(() -> new AssertionError("the dead run's job is not due"));
    assertThat(again.job().subject()).isEqualTo("held-by-the-dead");
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(live.lease(now(), LONG)).as("the live run's job is still its own").isEmpty();
    assertThat(SqliteJobQueue.reclaim(database, now(), run -> false))
        .as("with every run dead, both jobs come back").isEqualTo(2);
  }
}

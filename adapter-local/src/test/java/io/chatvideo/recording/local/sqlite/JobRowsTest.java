package io.chatvideo.recording.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.testing.TestRecordings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's half: a job row written in the transaction that changes a recording commits or vanishes with it. */
class JobRowsTest {

  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

  @TempDir
  Path folder;

  private SqliteDatabase database;
  private SqliteRecordingRepository recordings;
  private SqliteJobQueue jobs;
  private PendingRecording pending;

  @BeforeEach
  void setUp() {
    database = SqliteDatabase.open(folder.resolve("recordings.db"), Clock.fixed(T0, ZoneOffset.UTC));
    recordings = new SqliteRecordingRepository(database);
    jobs = new SqliteJobQueue(database, 3);
    pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    recordings.insert(pending);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aJobInsertedWithARecordingsCompletionIsQueuedWhenTheTransactionCommits() {
    CompletedRecording completed = pending.complete(10, Optional.empty(), T0, Optional.empty());

    JobId id = database.write(connection -> {
      OutboxWriter.complete(connection, completed);
      return JobRows.insert(connection, JobKind.PROCESS_RECORDING, completed.id().toString(), T0);
    });

    assertThat(recordings.find(pending.id())).hasValueSatisfying(r ->
        assertThat(r.status()).isEqualTo(RecordingStatus.COMPLETED));
    assertThat(jobs.lease(T0, Duration.ofMinutes(1))).hasValueSatisfying(lease -> {
      assertThat(lease.job().id()).isEqualTo(id);
      assertThat(lease.job().kind()).isEqualTo(JobKind.PROCESS_RECORDING);
      assertThat(lease.job().subject()).isEqualTo(pending.id().toString());
      assertThat(lease.attempt()).isEqualTo(1);
    });
  }

  @Test
  void whenTheTransactionFailsAfterBothNeitherTheCompletionNorTheJobIsKept() {
    CompletedRecording completed = pending.complete(10, Optional.empty(), T0, Optional.empty());

    assertThatThrownBy(() -> database.write(connection -> {
      OutboxWriter.complete(connection, completed);
      JobRows.insert(connection, JobKind.PROCESS_RECORDING, completed.id().toString(), T0);
      throw new IllegalStateException("the process died before the commit");
    })).hasMessage("the process died before the commit");

    assertThat(recordings.find(pending.id())).hasValueSatisfying(r ->
        assertThat(r.status()).isEqualTo(RecordingStatus.PENDING));
    assertThat(jobs.lease(T0, Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  void aJobIsDueAtTheTimeItWasInsertedNotBefore() {
    database.write(connection -> JobRows.insert(connection, JobKind.PROCESS_RECORDING, "rec-1", T0));

    assertThat(jobs.lease(T0.minusNanos(1), Duration.ofMinutes(1))).isEmpty();
    assertThat(jobs.lease(T0, Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void aSubjectTheJobCannotHoldIsRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> database.write(connection ->
        JobRows.insert(connection, JobKind.PROCESS_RECORDING, " ", T0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");

    assertThat(jobs.lease(T0, Duration.ofMinutes(1))).isEmpty();
  }
}

package io.chatvideo.recording.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Optional;
import java.util.UUID;

/**
 * What the recording side's completion will write with the outbox: the recording's new row and
 * its job, in one transaction. Public for {@code ChildMain}, which does it in a JVM that is killed
 * before the commit.
 */
public final class OutboxWriter {

  private OutboxWriter() {}

  /** Completes the pending recording {@code id} with its job, then hangs inside the open transaction. */
  public static void completeAndHang(Path file, String id, Instant now) throws InterruptedException {
    try (SqliteDatabase database = SqliteDatabase.open(file, Clock.fixed(now, ZoneOffset.UTC))) {
      PendingRecording pending = (PendingRecording) new SqliteRecordingRepository(database)
          .find(new RecordingId(UUID.fromString(id))).orElseThrow();
      database.write(connection -> {
        complete(connection, pending.complete(10, Optional.empty(), now, Optional.empty()));
        JobRows.insert(connection, JobKind.PROCESS_RECORDING, id, now);
        System.out.println("WRITTEN");
        System.out.flush();
        hang();
        return null;
      });
    }
  }

  /** The UPDATE of {@code SqliteRecordingRepository.replace}, on the caller's transaction. */
  static void complete(Connection connection, CompletedRecording completed) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE recordings SET ("
        + RecordingRows.WRITTEN_COLUMNS + ") = (" + String.join(", ", Collections.nCopies(
        RecordingRows.WRITTEN_COLUMN_COUNT, "?")) + ") WHERE id = ? AND status = 'PENDING'")) {
      RecordingRows.bind(update, 1, completed);
      update.setString(RecordingRows.WRITTEN_COLUMN_COUNT + 1, completed.id().toString());
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  /** Until the parent kills this JVM. */
  private static void hang() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

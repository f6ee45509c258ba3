package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.testing.JobQueueContract;
import io.chatvideo.recording.core.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The job queue contract against a real SQLite file in a fresh folder, on a clock the test moves. */
class SqliteJobQueueTest extends JobQueueContract {

  @TempDir
  Path folder;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
  private final List<SqliteDatabase> opened = new ArrayList<>();

  @Override
  protected JobQueue queue() {
    SqliteDatabase database = SqliteDatabase.open(folder.resolve("recordings-" + opened.size() + ".db"), clock);
    opened.add(database);
    return new SqliteJobQueue(database, MAX_ATTEMPTS);
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
}

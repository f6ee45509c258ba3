package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.testing.RecordingRepositoryContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract against a real SQLite file in a fresh folder. */
class SqliteRecordingRepositoryIT extends RecordingRepositoryContract {

  @TempDir
  Path folder;

  private final List<SqliteDatabase> opened = new ArrayList<>();

  @Override
  protected RecordingRepository repository() {
    SqliteDatabase database = SqliteDatabase.open(folder.resolve("recordings-" + opened.size() + ".db"),
        Clock.systemUTC());
    opened.add(database);
    return new SqliteRecordingRepository(database);
  }

  @AfterEach
  void close() {
    opened.forEach(SqliteDatabase::close);
  }
}

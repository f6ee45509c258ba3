package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.Transcripts;
import io.chatvideo.recording.core.testing.TranscriptsContract;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The transcript contract against a real SQLite file in a fresh folder. */
class SqliteTranscriptsIT extends TranscriptsContract {

  @TempDir
  Path folder;

  private SqliteRecordingRepository recordings;

  @BeforeEach
  void open() {
    recordings = SqliteRecordingRepository.open(folder.resolve("recordings.db"), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    recordings.close();
  }

  @Override
  protected RecordingRepository repository() {
    return recordings;
  }

  @Override
  protected Transcripts transcripts() {
    return SqliteTranscripts.on(recordings);
  }
}

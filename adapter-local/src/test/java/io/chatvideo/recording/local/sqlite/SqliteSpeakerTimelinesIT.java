package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import io.chatvideo.recording.core.testing.SpeakerTimelinesContract;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The speaker timeline contract against a real SQLite file in a fresh folder. */
class SqliteSpeakerTimelinesIT extends SpeakerTimelinesContract {

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
  protected SpeakerTimelines timelines() {
    return SqliteSpeakerTimelines.on(recordings);
  }
}

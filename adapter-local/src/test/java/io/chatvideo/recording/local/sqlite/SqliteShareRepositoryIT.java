package io.chatvideo.recording.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.domain.ShareToken;
import io.chatvideo.recording.core.testing.ShareRepositoryContract;
import io.chatvideo.recording.core.testing.TestRecordings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The share repository contract against a real SQLite file in a fresh folder. */
class SqliteShareRepositoryIT extends ShareRepositoryContract {

  @TempDir
  Path folder;

  private final List<SqliteRecordingRepository> opened = new ArrayList<>();

  @Override
  protected Stores stores() {
    SqliteRecordingRepository recordings = SqliteRecordingRepository.open(
        folder.resolve("recordings-" + opened.size() + ".db"), Clock.systemUTC());
    opened.add(recordings);
    return new Stores(recordings, SqliteShareRepository.on(recordings));
  }

  @Test
  void deletingARecordingDeletesItsShares() {
    Stores stores = stores();
    PendingRecording recording = TestRecordings.pending("alice@example.com", "room-1", T0);
    stores.recordings().insert(recording);
    ShareToken token = ShareToken.generate(new SecureRandom());
    stores.shares().insert(new Share(ShareId.random(), recording.id(), token.hash(), T0, T0.plusSeconds(60),
        Optional.empty(), true, false, 0));
    stores.recordings().delete(recording.id());
    assertThat(stores.shares().findByTokenHash(token.hash())).isEmpty();
  }

  @AfterEach
  void close() {
    opened.forEach(SqliteRecordingRepository::close);
  }
}

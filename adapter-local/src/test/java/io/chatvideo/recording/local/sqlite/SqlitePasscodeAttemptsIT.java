package io.chatvideo.recording.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.PasscodeBudget;
import io.chatvideo.recording.core.testing.PasscodeAttemptsContract;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The passcode tries contract on a real SQLite file, opened twice as two servers on one data
 * directory open it.
 */
class SqlitePasscodeAttemptsIT extends PasscodeAttemptsContract {

  @TempDir
  Path folder;

  private final List<SqliteRecordingRepository> opened = new ArrayList<>();

  @Override
  protected Pair pair() {
    Path file = folder.resolve("recordings-" + opened.size() + ".db");
    SqliteRecordingRepository first = SqliteRecordingRepository.open(file, Clock.systemUTC());
    SqliteRecordingRepository second = SqliteRecordingRepository.open(file, Clock.systemUTC());
    opened.add(first);
    opened.add(second);
    return new Pair(SqlitePasscodeAttempts.on(first), SqlitePasscodeAttempts.on(second));
  }

  @Test
  void endedWindowsAreDeletedAsTriesComeIn() throws Exception {
    Pair store = pair();
    for (int i = 0; i < 10; i++) {
      store.first().count(PasscodeBudget.forAddress("203.0.113." + i), T0.plus(MINUTE.multipliedBy(i)), MINUTE);
    }
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("recordings-0.db"));
        ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM passcode_attempts")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }

  @AfterEach
  void close() {
    opened.forEach(SqliteRecordingRepository::close);
  }
}

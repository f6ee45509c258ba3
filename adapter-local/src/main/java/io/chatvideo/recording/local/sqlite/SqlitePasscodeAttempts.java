package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.PasscodeBudget;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

/**
 * Passcode tries in the {@code passcode_attempts} table of the recordings' SQLite file: one row per
 * budget holding its open window, counted up (or reopened once ended) by one upsert in a write
 * transaction, so every process on the same data directory spends one budget. Ended windows are
 * deleted as tries come in (an index on {@code window_start} keeps that cheap), so the table holds
 * about a minute of tries.
 */
public final class SqlitePasscodeAttempts implements PasscodeAttempts {

  private final SqliteDatabase database;

  private SqlitePasscodeAttempts(SqliteDatabase database) {
    this.database = database;
  }

  /** The tries in the same file as {@code recordings}. */
  public static SqlitePasscodeAttempts on(SqliteRecordingRepository recordings) {
    return new SqlitePasscodeAttempts(recordings.database());
  }

  @Override
  public Tries count(PasscodeBudget budget, Instant now, Duration window) {
    long at = RecordingRows.nanos(now);
    long cutoff = RecordingRows.nanos(now.minus(window));
    return database.write(connection -> {
      try (PreparedStatement forget = connection.prepareStatement(
          "DELETE FROM passcode_attempts WHERE window_start <= ? AND budget <> ?")) {
        forget.setLong(1, cutoff);
        forget.setString(2, budget.key());
        forget.executeUpdate();
      }
      try (PreparedStatement count = connection.prepareStatement(
          "INSERT INTO passcode_attempts (budget, window_start, tries) VALUES (?, ?, 1)"
              + " ON CONFLICT (budget) DO UPDATE SET"
              + " tries = CASE WHEN window_start <= ? THEN 1 ELSE tries + 1 END,"
              + " window_start = CASE WHEN window_start <= ? THEN excluded.window_start ELSE window_start END"
              + " RETURNING tries, window_start")) {
        count.setString(1, budget.key());
        count.setLong(2, at);
        count.setLong(3, cutoff);
        count.setLong(4, cutoff);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          return new Tries(rs.getLong(1), RecordingRows.instant(rs.getLong(2)));
        }
      }
    });
  }
}

package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.PasscodeBudget;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * Passcode tries in the {@code passcode_attempts} table of the recordings' SQLite file: one row per
 * budget and window, counted up with one upsert in a write transaction, so every process on the
 * same data directory spends one budget. Windows past their time are deleted as tries come in
 * (an index on {@code forget_after} keeps that cheap), so the table holds at most the last
 * couple of minutes of tries.
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
  public long count(PasscodeBudget budget, Instant windowStart, Instant forgetAfter) {
    return database.write(connection -> {
      try (PreparedStatement forget = connection.prepareStatement(
          "DELETE FROM passcode_attempts WHERE forget_after < ?")) {
        forget.setLong(1, RecordingRows.nanos(windowStart));
        forget.executeUpdate();
      }
      try (PreparedStatement count = connection.prepareStatement(
          "INSERT INTO passcode_attempts (budget, window_start, tries, forget_after) VALUES (?, ?, 1, ?)"
              + " ON CONFLICT (budget, window_start) DO UPDATE SET tries = tries + 1 RETURNING tries")) {
        count.setString(1, budget.key());
        count.setLong(2, RecordingRows.nanos(windowStart));
        count.setLong(3, RecordingRows.nanos(forgetAfter));
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }
}

package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.UploadLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link UploadLedger} in the recordings' SQLite file: {@code upload_days} holds the bytes of
 * each owner and UTC day, {@code upload_signatures} the largest length signed per recording and
 * slot. Each call is one write transaction ({@code BEGIN IMMEDIATE}), so the check and the count
 * are one step for every process on the file. Rows of days more than two days before the one
 * being counted are deleted on the way.
 */
public final class SqliteUploadLedger implements UploadLedger {

  /** The slot that marks a settled recording; its length is the stored size. */
  private static final int SETTLED = -1;
  private static final int DAYS_KEPT = 2;

  private final SqliteDatabase database;

  private SqliteUploadLedger(SqliteDatabase database) {
    this.database = database;
  }

  /** The ledger in the same file as {@code recordings}. */
  public static SqliteUploadLedger on(SqliteRecordingRepository recordings) {
    return new SqliteUploadLedger(recordings.database());
  }

  @Override
  public Outcome reserve(Signed signed, long maxRecordingBytes, long maxBytesPerDay) {
    return database.write(connection -> {
      forgetBefore(connection, signed.day().minusDays(DAYS_KEPT));
      Map<Integer, Long> lengths = signatures(connection, signed.recording());
      long was = lengths.values().stream().mapToLong(Long::longValue).sum();
      signed.lengths().forEach((slot, length) -> lengths.merge(slot, length, Math::max));
      long would = lengths.values().stream().mapToLong(Long::longValue).sum();
      if (would > maxRecordingBytes) {
        return new Outcome.RecordingFull(would);
      }
      long dayBytes = bytesOn(connection, signed.owner(), signed.day());
      if (would > was && dayBytes + (would - was) > maxBytesPerDay) {
        return new Outcome.DayFull(dayBytes, would - was);
      }
      try (PreparedStatement upsert = connection.prepareStatement(
          "INSERT INTO upload_signatures (recording_id, slot, length, day) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT (recording_id, slot) DO UPDATE SET length = max(length, excluded.length)")) {
        for (Map.Entry<Integer, Long> slot : signed.lengths().entrySet()) {
          upsert.setString(1, signed.recording().toString());
          upsert.setInt(2, slot.getKey());
          upsert.setLong(3, slot.getValue());
          upsert.setString(4, signed.day().toString());
          upsert.addBatch();
        }
        upsert.executeBatch();
      }
      add(connection, signed.owner(), signed.day(), would - was);
      return new Outcome.Counted(would);
    });
  }

  @Override
  public long bytesOn(UserId owner, LocalDate day) {
    return database.read(connection -> bytesOn(connection, owner, day));
  }

  @Override
  public void settle(UserId owner, LocalDate day, RecordingId recording, long storedBytes) {
    database.write(connection -> {
      Map<Integer, Long> lengths = signatures(connection, recording);
      if (lengths.containsKey(SETTLED)) {
        return null;
      }
      long was = lengths.values().stream().mapToLong(Long::longValue).sum();
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM upload_signatures WHERE recording_id = ?")) {
        delete.setString(1, recording.toString());
        delete.executeUpdate();
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO upload_signatures (recording_id, slot, length, day) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, recording.toString());
        insert.setInt(2, SETTLED);
        insert.setLong(3, storedBytes);
        insert.setString(4, day.toString());
        insert.executeUpdate();
      }
      add(connection, owner, day, storedBytes - was);
      return null;
    });
  }

  private static Map<Integer, Long> signatures(Connection connection, RecordingId recording) throws SQLException {
    Map<Integer, Long> lengths = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT slot, length FROM upload_signatures WHERE recording_id = ?")) {
      select.setString(1, recording.toString());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          lengths.put(rs.getInt(1), rs.getLong(2));
        }
      }
    }
    return lengths;
  }

  private static long bytesOn(Connection connection, UserId owner, LocalDate day) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT bytes FROM upload_days WHERE owner = ? AND day = ?")) {
      select.setString(1, owner.value());
      select.setString(2, day.toString());
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static void add(Connection connection, UserId owner, LocalDate day, long bytes) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(
        "INSERT INTO upload_days (owner, day, bytes) VALUES (?, ?, ?)"
            + " ON CONFLICT (owner, day) DO UPDATE SET bytes = bytes + excluded.bytes")) {
      upsert.setString(1, owner.value());
      upsert.setString(2, day.toString());
      upsert.setLong(3, bytes);
      upsert.executeUpdate();
    }
  }

  private static void forgetBefore(Connection connection, LocalDate day) throws SQLException {
    for (String table : new String[] {"upload_days", "upload_signatures"}) {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE day < ?")) {
        delete.setString(1, day.toString());
        delete.executeUpdate();
      }
    }
  }
}

package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.Recording;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Seeding help for the listing benchmark: in the adapter's package (classpath, not a module) to use
 * {@code RecordingRows}, so seeded rows are exactly what the repository writes, but all in one
 * transaction instead of one fsynced commit per recording.
 */
public final class BenchRows {

  private BenchRows() {}

  public static void insertAll(Connection connection, List<? extends Recording> recordings) throws SQLException {
    String placeholders = "?,".repeat(RecordingRows.WRITTEN_COLUMN_COUNT - 1) + "?";
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO recordings (" + RecordingRows.WRITTEN_COLUMNS + ") VALUES (" + placeholders + ")")) {
      for (Recording recording : recordings) {
        RecordingRows.bind(insert, 1, recording);
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }
}

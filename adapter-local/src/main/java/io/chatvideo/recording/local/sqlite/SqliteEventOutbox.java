package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.port.out.EventOutbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The core's {@link EventOutbox} in the recordings' SQLite file: the recording's row, the event's
 * row ({@code events}, migration 5) and its publish job ({@code jobs}) are written in one
 * {@code BEGIN IMMEDIATE} transaction, so a process killed at any point leaves all three or none.
 */
public final class SqliteEventOutbox implements EventOutbox {

  private final SqliteDatabase database;

  private SqliteEventOutbox(SqliteDatabase database) {
    this.database = database;
  }

  /** The outbox in the same file as {@code recordings}. */
  public static SqliteEventOutbox on(SqliteRecordingRepository recordings) {
    return new SqliteEventOutbox(recordings.database());
  }

  @Override
  public void replace(Recording recording, RecordingStatus expected, RecordingEvent event) {
    Objects.requireNonNull(event, "event");
    database.write(connection -> {
      SqliteRecordingRepository.replaceRow(connection, recording, expected);
      publish(connection, event);
      return null;
    });
  }

  @Override
  public void delete(RecordingId id, RecordingEvent event) {
    Objects.requireNonNull(event, "event");
    database.write(connection -> {
      SqliteRecordingRepository.deleteRow(connection, id);
      publish(connection, event);
      return null;
    });
  }

  @Override
  public void publish(RecordingEvent event) {
    database.write(connection -> {
      publish(connection, event);
      return null;
    });
  }

  @Override
  public void record(RecordingEvent event) {
    database.write(connection -> {
      insert(connection, event);
      return null;
    });
  }

  @Override
  public Optional<RecordingEvent> find(EventId id) {
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT type, occurred_at, body FROM events WHERE id = ?")) {
        select.setString(1, id.value());
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new RecordingEvent(id, EventType.parse(rs.getString("type")), RecordingRows.instant(rs.getLong("occurred_at")),
              rs.getString("body")));
        }
      }
    });
  }

  /**
   * Deletes the events that occurred before {@code before} and the delivery log rows written
   * before it, in one transaction; the sweep calls it with the configured retention.
   */
  @Override
  public int forget(Instant before) {
    long cutoff = RecordingRows.nanos(before);
    return database.write(connection -> {
      try (PreparedStatement deliveries = connection.prepareStatement("DELETE FROM webhook_deliveries WHERE at < ?");
          PreparedStatement events = connection.prepareStatement("DELETE FROM events WHERE occurred_at < ?")) {
        deliveries.setLong(1, cutoff);
        deliveries.executeUpdate();
        events.setLong(1, cutoff);
        return events.executeUpdate();
      }
    });
  }

  private static void publish(Connection connection, RecordingEvent event) throws SQLException {
    insert(connection, event);
    JobRows.insert(connection, JobKind.PUBLISH_EVENT, event.id().value(), event.timestamp());
  }

  private static void insert(Connection connection, RecordingEvent event) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO events (id, type, occurred_at, body) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, event.id().value());
      insert.setString(2, event.type().wireName());
      insert.setLong(3, RecordingRows.nanos(event.timestamp()));
      insert.setString(4, event.body());
      insert.executeUpdate();
    }
  }
}

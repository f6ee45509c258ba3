package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ListingOrder;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.UploadUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Recording metadata in SQLite. Listings are keyset-paged over the indexes {@code (owner,
 * created_at DESC, id DESC)} and {@code (room_id, created_at DESC, id DESC)}, and leave out rows
 * expired at {@code now} in the query itself; the sweep deletes them later. {@link #uploadUsage}
 * is one aggregate over the covering index {@code recordings_usage_by_owner}, with no bound on how
 * many of the owner's rows it sums.
 */
public final class SqliteRecordingRepository implements RecordingRepository, AutoCloseable {

  private static final String VISIBLE_IN_ROOM = "r.room_id = ? AND (r.owner = ? OR EXISTS (SELECT 1"
      + " FROM recording_participants p WHERE p.recording_id = r.id AND p.user_id = ?))";

  // Numbered parameters: ?1 owner, ?2 since, ?3 now (used four times).
  private static final String OPEN_UPLOAD = "r.status = 'PENDING' AND r.upload_expires_at > ?3";
  /** One row: open uploads, the earliest open window end, bytes, the oldest created_at. */
  static final String UPLOAD_USAGE = "SELECT COUNT(CASE WHEN " + OPEN_UPLOAD + " THEN 1 END),"
      + " MIN(CASE WHEN " + OPEN_UPLOAD + " THEN r.upload_expires_at END),"
      + " COALESCE(SUM(CASE WHEN " + OPEN_UPLOAD + " THEN COALESCE(r.declared_size, 0)"
      + " WHEN r.status = 'COMPLETED' THEN r.stored_size ELSE 0 END), 0),"
      + " MIN(r.created_at)"
      + " FROM recordings r WHERE r.owner = ?1 AND r.created_at >= ?2 AND r.expires_at > ?3";

  private final SqliteDatabase database;

  SqliteRecordingRepository(SqliteDatabase database) {
    this.database = database;
  }

  /**
   * Opens the database file, creating it if needed, and brings its schema up to date; safe for
   * concurrent use, also by other processes on the same file.
   */
  public static SqliteRecordingRepository open(Path file, Clock clock) {
    return new SqliteRecordingRepository(SqliteDatabase.open(file, clock));
  }

  /** The file's connections, which the job queue in the same file shares. */
  SqliteDatabase database() {
    return database;
  }

  /** Closes the pooled connections. */
  @Override
  public void close() {
    database.close();
  }

  @Override
  public void insert(PendingRecording recording) {
    database.write(connection -> {
      try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM recordings WHERE id = ?")) {
        exists.setString(1, recording.id().toString());
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            throw new ConflictException("recording " + recording.id() + " exists already");
          }
        }
      }
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO recordings ("
          + RecordingRows.WRITTEN_COLUMNS + ") VALUES (" + placeholders(RecordingRows.WRITTEN_COLUMN_COUNT) + ")")) {
        RecordingRows.bind(insert, 1, recording);
        insert.executeUpdate();
      }
      insertParticipants(connection, recording);
      return null;
    });
  }

  @Override
  public Optional<Recording> find(RecordingId id) {
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + RecordingRows.COLUMNS + " FROM recordings r WHERE r.id = ?")) {
        select.setString(1, id.toString());
        List<Recording> found = readAll(select);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
      }
    });
  }

  @Override
  public void replace(Recording recording, RecordingStatus expected) {
    database.write(connection -> {
      replaceRow(connection, recording, expected);
      return null;
    });
  }

  @Override
  public void delete(RecordingId id) {
    database.write(connection -> {
      deleteRow(connection, id);
      return null;
    });
  }

  /** {@link #replace} on the caller's transaction, so the event outbox can write beside it. */
  static void replaceRow(Connection connection, Recording recording, RecordingStatus expected) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE recordings SET ("
        + RecordingRows.WRITTEN_COLUMNS + ") = (" + placeholders(RecordingRows.WRITTEN_COLUMN_COUNT)
        + ") WHERE id = ? AND status = ?")) {
      RecordingRows.bind(update, 1, recording);
      update.setString(RecordingRows.WRITTEN_COLUMN_COUNT + 1, recording.id().toString());
      update.setString(RecordingRows.WRITTEN_COLUMN_COUNT + 2, expected.name());
      if (update.executeUpdate() == 0) {
        throw new ConflictException("recording " + recording.id() + " is no longer " + expected);
      }
    }
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM recording_participants WHERE recording_id = ?")) {
      delete.setString(1, recording.id().toString());
      delete.executeUpdate();
    }
    insertParticipants(connection, recording);
  }

  /** {@link #delete} on the caller's transaction. */
  static void deleteRow(Connection connection, RecordingId id) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM recordings WHERE id = ?")) {
      delete.setString(1, id.toString());
      delete.executeUpdate();
    }
  }

  @Override
  public Page list(RecordingFilter filter, UserId viewer, Instant now, int limit, Optional<String> cursor) {
    Condition condition = condition(filter, viewer, now);
    return page(condition.where(), condition.parameters(), filter.order(), limit, cursor);
  }

  /** What a filtered listing's rows must meet, with its parameters in order. */
  record Condition(String where, List<Object> parameters) {}

  /**
   * One condition per part of the filter, on the listing index of the owner or the room: the date
   * range bounds the walk of that index (created_at follows its equality column), the other parts
   * are checked on the rows it reaches.
   */
  static Condition condition(RecordingFilter filter, UserId viewer, Instant now) {
    StringBuilder where = new StringBuilder();
    List<Object> parameters = new ArrayList<>();
    if (filter.room().isPresent()) {
      where.append(VISIBLE_IN_ROOM);
      parameters.addAll(List.of(filter.room().get().value(), viewer.value(), viewer.value()));
    } else {
      where.append("r.owner = ?");
      parameters.add(viewer.value());
    }
    where.append(" AND r.expires_at > ?");
    parameters.add(RecordingRows.nanos(now));
    filter.from().ifPresent(from -> {
      where.append(" AND r.created_at >= ?");
      parameters.add(RecordingRows.nanos(from));
    });
    filter.to().ifPresent(to -> {
      where.append(" AND r.created_at < ?");
      parameters.add(RecordingRows.nanos(to));
    });
    filter.status().ifPresent(status -> {
      where.append(" AND r.status = ?");
      parameters.add(status.name());
    });
    filter.processing().ifPresent(processing -> {
      // NULL: completed before processing existed, which reads as off.
      where.append(" AND r.status = 'COMPLETED' AND COALESCE(r.processing_state, 'off') = ?");
      parameters.add(processing.wireName());
    });
    filter.q().ifPresent(q -> {
      where.append(" AND ").append(SearchColumn.CONDITION);
      parameters.add(SearchColumn.containing(q));
    });
    filter.participant().ifPresent(participant -> {
      where.append(" AND EXISTS (SELECT 1 FROM recording_participants f WHERE f.recording_id = r.id AND f.user_id = ?)");
      parameters.add(participant.value());
    });
    return new Condition(where.toString(), parameters);
  }

  @Override
  public UploadUsage uploadUsage(UserId owner, Instant since, Instant now) {
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(UPLOAD_USAGE)) {
        select.setString(1, owner.value());
        select.setLong(2, RecordingRows.nanos(since));
        select.setLong(3, RecordingRows.nanos(now));
        try (ResultSet rs = select.executeQuery()) {
          rs.next();
          int open = rs.getInt(1);
          long earliestWindowEnd = rs.getLong(2);
          Optional<Instant> windowEnd = rs.wasNull() ? Optional.empty()
              : Optional.of(RecordingRows.instant(earliestWindowEnd));
          long bytes = rs.getLong(3);
          long oldest = rs.getLong(4);
          Optional<Instant> oldestCreated = rs.wasNull() ? Optional.empty() : Optional.of(RecordingRows.instant(oldest));
          return new UploadUsage(open, windowEnd, bytes, oldestCreated);
        }
      }
    });
  }

  @Override
  public Page listAll(int limit, Optional<String> cursor) {
    return page("1 = 1", List.of(), ListingOrder.NEWEST, limit, cursor);
  }

  @Override
  public List<Recording> findExpired(Instant now, int limit) {
    checkLimit(limit);
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + RecordingRows.COLUMNS
          + " FROM recordings r WHERE r.expires_at <= ? ORDER BY r.expires_at LIMIT ?")) {
        select.setLong(1, RecordingRows.nanos(now));
        select.setInt(2, limit);
        return readAll(select);
      }
    });
  }

  @Override
  public List<Recording> findUnfinishedUploads(Instant uploadWindowClosedBefore, int limit) {
    checkLimit(limit);
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + RecordingRows.COLUMNS
          + " FROM recordings r WHERE r.status = 'ABANDONED'"
          + " OR (r.status = 'PENDING' AND r.upload_expires_at < ?) LIMIT ?")) {
        select.setLong(1, RecordingRows.nanos(uploadWindowClosedBefore));
        select.setInt(2, limit);
        return readAll(select);
      }
    });
  }

  @Override
  public List<CompletedRecording> findStalledProcessing(Instant since, int limit) {
    checkLimit(limit);
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + RecordingRows.COLUMNS
          + " FROM recordings r WHERE r.processing_state IN ('queued', 'running') AND r.processing_since < ?"
          + " AND r.status = 'COMPLETED' LIMIT ?")) {
        select.setLong(1, RecordingRows.nanos(since));
        select.setInt(2, limit);
        return readAll(select).stream().map(CompletedRecording.class::cast).toList();
      }
    });
  }

  /** The statement a listing runs, after a cursor or from the start (tests read its query plan). */
  static String listingSql(String where, ListingOrder order, boolean afterCursor) {
    boolean newest = order == ListingOrder.NEWEST;
    return "SELECT " + RecordingRows.COLUMNS + " FROM recordings r WHERE " + where
        + (afterCursor ? (newest ? " AND (r.created_at, r.id) < (?, ?)" : " AND (r.created_at, r.id) > (?, ?)") : "")
        + (newest ? " ORDER BY r.created_at DESC, r.id DESC" : " ORDER BY r.created_at, r.id") + " LIMIT ?";
  }

  /** One page after {@code cursor} of the rows matching {@code where}, in {@code order}. */
  private Page page(String where, List<Object> parameters, ListingOrder order, int limit, Optional<String> cursor) {
    checkLimit(limit);
    Optional<ListingCursor> after = cursor.map(ListingCursor::parse);
    String sql = listingSql(where, order, after.isPresent());
    List<Recording> rows = database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        int i = 1;
        for (Object parameter : parameters) {
          select.setObject(i++, parameter);
        }
        if (after.isPresent()) {
          select.setLong(i++, after.get().createdAtNanos());
          select.setString(i++, after.get().id());
        }
        select.setInt(i, limit + 1);
        return readAll(select);
      }
    });
    if (rows.size() <= limit) {
      return new Page(rows, Optional.empty());
    }
    Recording last = rows.get(limit - 1);
    return new Page(rows.subList(0, limit), Optional.of(
        new ListingCursor(RecordingRows.nanos(last.details().createdAt()), last.id().toString()).format()));
  }

  private static void insertParticipants(Connection connection, Recording recording) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO recording_participants (recording_id, user_id) VALUES (?, ?)")) {
      for (UserId participant : recording.details().participants()) {
        insert.setString(1, recording.id().toString());
        insert.setString(2, participant.value());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static List<Recording> readAll(PreparedStatement select) throws SQLException {
    List<Recording> recordings = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        recordings.add(RecordingRows.read(rs));
      }
    }
    return recordings;
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private static void checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}

package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.domain.TranscriptState;
import io.chatvideo.recording.core.port.out.Transcripts;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Transcripts in {@code transcripts} (migration 14) of the recordings' SQLite file, one row per
 * recording whose foreign key deletes it with the recording's row (deleted or expired). The cues
 * are one text value in {@link Transcript#toText}'s form.
 */
public final class SqliteTranscripts implements Transcripts {

  private static final int BATCH = 500;

  private final SqliteDatabase database;

  private SqliteTranscripts(SqliteDatabase database) {
    this.database = database;
  }

  /** The transcripts in the same file as {@code recordings}. */
  public static SqliteTranscripts on(SqliteRecordingRepository recordings) {
    return new SqliteTranscripts(recordings.database());
  }

  @Override
  public void save(RecordingId id, Transcript transcript) {
    database.write(connection -> {
      // INSERT … SELECT writes nothing for a recording that is gone, instead of failing on the foreign key.
      try (PreparedStatement upsert = connection.prepareStatement(
          "INSERT INTO transcripts (recording_id, state, reason, engine, cues, made_at)"
              + " SELECT id, ?, ?, ?, ?, ? FROM recordings WHERE id = ?"
              + " ON CONFLICT (recording_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,"
              + " engine = excluded.engine, cues = excluded.cues, made_at = excluded.made_at")) {
        upsert.setString(1, transcript.state().wireName());
        upsert.setString(2, transcript.reason().orElse(null));
        upsert.setString(3, transcript.engine());
        upsert.setString(4, Transcript.toText(transcript.cues()));
        upsert.setLong(5, RecordingRows.nanos(transcript.madeAt()));
        upsert.setString(6, id.toString());
        upsert.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<Transcript> find(RecordingId id) {
    return read(id, "SELECT state, reason, engine, cues, made_at FROM transcripts WHERE recording_id = ?", true);
  }

  @Override
  public Optional<Transcript> status(RecordingId id) {
    return read(id, "SELECT state, reason, engine, made_at FROM transcripts WHERE recording_id = ?", false);
  }

  /** One query per {@value #BATCH} ids (SQLite's default bound on host parameters is 32,766; a page is ≤ 100). */
  @Override
  public Map<RecordingId, Transcript> statuses(Collection<RecordingId> ids) {
    List<RecordingId> all = List.copyOf(ids);
    Map<RecordingId, Transcript> found = new HashMap<>();
    for (int from = 0; from < all.size(); from += BATCH) {
      List<RecordingId> batch = all.subList(from, Math.min(all.size(), from + BATCH));
      Map<String, RecordingId> asked = new HashMap<>();
      batch.forEach(id -> asked.put(id.toString(), id));
      found.putAll(database.read(connection -> {
        Map<RecordingId, Transcript> rows = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT recording_id, state, reason, engine, made_at FROM transcripts WHERE recording_id IN ("
                + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")")) {
          for (int i = 0; i < batch.size(); i++) {
            select.setString(i + 1, batch.get(i).toString());
          }
          try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              rows.put(asked.get(rs.getString("recording_id")), transcript(rs, false));
            }
          }
        }
        return rows;
      }));
    }
    return found;
  }

  private Optional<Transcript> read(RecordingId id, String sql, boolean withCues) {
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, id.toString());
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? Optional.of(transcript(rs, withCues)) : Optional.empty();
        }
      }
    });
  }

  private static Transcript transcript(ResultSet rs, boolean withCues) throws SQLException {
    return new Transcript(TranscriptState.fromWireName(rs.getString("state")),
        Optional.ofNullable(rs.getString("reason")), rs.getString("engine"),
        withCues ? Transcript.fromText(rs.getString("cues")) : List.of(), RecordingRows.instant(rs.getLong("made_at")));
  }
}

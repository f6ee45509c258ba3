package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import io.chatvideo.recording.core.domain.SpeakersState;
import io.chatvideo.recording.core.domain.SpeechSegment;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Speaker timelines in {@code speaker_timelines} (migration 12) of the recordings' SQLite file,
 * one row per recording whose foreign key deletes it with the recording's row (deleted or
 * expired). The segments are one text value in {@link SpeechSegment#toText}'s form: a timeline
 * is read and written whole, never searched.
 */
public final class SqliteSpeakerTimelines implements SpeakerTimelines {

  private final SqliteDatabase database;

  private SqliteSpeakerTimelines(SqliteDatabase database) {
    this.database = database;
  }

  /** The timelines in the same file as {@code recordings}. */
  public static SqliteSpeakerTimelines on(SqliteRecordingRepository recordings) {
    return new SqliteSpeakerTimelines(recordings.database());
  }

  @Override
  public void save(RecordingId id, SpeakerTimeline timeline) {
    database.write(connection -> {
      // INSERT … SELECT writes nothing for a recording that is gone, instead of failing on the foreign key.
      try (PreparedStatement upsert = connection.prepareStatement(
          "INSERT INTO speaker_timelines (recording_id, state, reason, segments, made_at)"
              + " SELECT id, ?, ?, ?, ? FROM recordings WHERE id = ?"
              + " ON CONFLICT (recording_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,"
              + " segments = excluded.segments, made_at = excluded.made_at")) {
        upsert.setString(1, timeline.state().wireName());
        upsert.setString(2, timeline.reason().orElse(null));
        upsert.setString(3, SpeechSegment.toText(timeline.segments()));
        upsert.setLong(4, RecordingRows.nanos(timeline.madeAt()));
        upsert.setString(5, id.toString());
        upsert.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<SpeakerTimeline> find(RecordingId id) {
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT state, reason, segments, made_at FROM speaker_timelines WHERE recording_id = ?")) {
        select.setString(1, id.toString());
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new SpeakerTimeline(SpeakersState.fromWireName(rs.getString("state")),
              Optional.ofNullable(rs.getString("reason")), SpeechSegment.fromText(rs.getString("segments")),
              RecordingRows.instant(rs.getLong("made_at"))));
        }
      }
    });
  }
}

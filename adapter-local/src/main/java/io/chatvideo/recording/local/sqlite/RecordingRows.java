package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.AbandonedRecording;
import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PartialReason;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Processing;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.Rendition;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Recordings to and from rows of {@code recordings}. Times are epoch nanoseconds, so every
 * {@link Instant} reads back equal; participants come back in one column joined by newlines, which
 * a {@link UserId} cannot contain.
 */
final class RecordingRows {

  /** The columns {@link #read} expects, from {@code recordings r}. */
  static final String COLUMNS = "r.id, r.room_id, r.owner, r.object_key, r.filename, r.content_type, "
      + "r.declared_size, r.created_at, r.expires_at, r.status, r.upload_id, r.upload_expires_at, r.stored_size, "
      + "r.sha256, r.completed_at, r.duration_nanos, r.abandoned_at, r.processing_state, r.processing_since, "
      + "r.processing_failure, r.width, r.height, r.mp4_key, r.mp4_size, r.thumbnail_key, r.thumbnail_size, "
      + "r.storyboard_key, r.storyboard_size, r.partial_reason, r.audio_layout, (SELECT group_concat(p.user_id, char(10)) FROM recording_participants p WHERE p.recording_id = r.id) "
      + "AS participants";

  /** The columns {@link #bind} fills, in order. */
  static final String WRITTEN_COLUMNS = "id, room_id, owner, object_key, filename, content_type, declared_size, "
      + "created_at, expires_at, status, upload_id, upload_expires_at, stored_size, sha256, completed_at, "
      + "duration_nanos, abandoned_at, processing_state, processing_since, processing_failure, width, height, "
      + "mp4_key, mp4_size, thumbnail_key, thumbnail_size, storyboard_key, storyboard_size, partial_reason, "
      + "search_text, audio_layout";

  static final int WRITTEN_COLUMN_COUNT = 31;

  private RecordingRows() {}

  static Recording read(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    try {
      String participants = rs.getString("participants");
      Set<UserId> others = participants == null ? Set.of()
          : Arrays.stream(participants.split("\n")).map(UserId::of).collect(Collectors.toUnmodifiableSet());
      RecordingDetails details = new RecordingDetails(
          new RecordingId(UUID.fromString(id)),
          RoomId.of(rs.getString("room_id")),
          UserId.of(rs.getString("owner")),
          others,
          new ObjectKey(rs.getString("object_key")),
          new Filename(rs.getString("filename")),
          ContentType.parse(rs.getString("content_type")),
          optionalLong(rs, "declared_size"),
          instant(rs.getLong("created_at")),
          instant(rs.getLong("expires_at")),
          AudioLayout.fromStored(Optional.ofNullable(rs.getString("audio_layout"))));
      Optional<String> uploadId = Optional.ofNullable(rs.getString("upload_id"));
      return switch (RecordingStatus.valueOf(rs.getString("status"))) {
        case PENDING -> new PendingRecording(details, uploadId, instant(rs.getLong("upload_expires_at")));
        case COMPLETED -> new CompletedRecording(details, rs.getLong("stored_size"),
            Optional.ofNullable(rs.getString("sha256")), instant(rs.getLong("completed_at")),
            optionalLong(rs, "duration_nanos").isPresent()
                ? Optional.of(Duration.ofNanos(rs.getLong("duration_nanos"))) : Optional.empty(),
            processing(rs, instant(rs.getLong("completed_at"))),
            Optional.ofNullable(rs.getString("partial_reason")).map(PartialReason::fromWireName),
            // A completed recording's open upload is the one that replaces it while partial.
            uploadId);
        case ABANDONED -> new AbandonedRecording(details, uploadId, instant(rs.getLong("abandoned_at")));
      };
    } catch (RuntimeException e) {
      // A row the domain refuses was written by hand or by a bug; it is not the caller's input.
      throw new IllegalStateException("recording row " + id + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static Processing processing(ResultSet rs, Instant completedAt) throws SQLException {
    String state = rs.getString("processing_state");
    if (state == null) {
      return Processing.off(completedAt);
    }
    return new Processing(ProcessingState.fromWireName(state), instant(rs.getLong("processing_since")),
        Optional.ofNullable(rs.getString("processing_failure")), optionalInt(rs, "width"), optionalInt(rs, "height"),
        rendition(rs, "mp4_key", "mp4_size"), rendition(rs, "thumbnail_key", "thumbnail_size"),
        rendition(rs, "storyboard_key", "storyboard_size"));
  }

  private static Optional<Rendition> rendition(ResultSet rs, String keyColumn, String sizeColumn) throws SQLException {
    String key = rs.getString(keyColumn);
    return key == null ? Optional.empty() : Optional.of(new Rendition(new ObjectKey(key), rs.getLong(sizeColumn)));
  }

  /** Binds {@link #WRITTEN_COLUMNS} from {@code first} on. */
  static void bind(PreparedStatement statement, int first, Recording recording) throws SQLException {
    RecordingDetails d = recording.details();
    int i = first;
    statement.setString(i++, d.id().toString());
    statement.setString(i++, d.roomId().value());
    statement.setString(i++, d.owner().value());
    statement.setString(i++, d.objectKey().value());
    statement.setString(i++, d.filename().value());
    statement.setString(i++, d.contentType().value());
    setLong(statement, i++, d.declaredSize());
    statement.setLong(i++, nanos(d.createdAt()));
    statement.setLong(i++, nanos(d.expiresAt()));
    statement.setString(i++, recording.status().name());
    OptionalLong uploadExpires = OptionalLong.empty();
    OptionalLong storedSize = OptionalLong.empty();
    Optional<String> uploadId = Optional.empty();
    Optional<String> sha256 = Optional.empty();
    OptionalLong completedAt = OptionalLong.empty();
    OptionalLong duration = OptionalLong.empty();
    OptionalLong abandonedAt = OptionalLong.empty();
    Optional<Processing> processing = Optional.empty();
    Optional<PartialReason> partial = Optional.empty();
    if (recording instanceof PendingRecording p) {
      uploadId = p.multipartUploadId();
      uploadExpires = OptionalLong.of(nanos(p.uploadExpiresAt()));
    } else if (recording instanceof CompletedRecording c) {
      storedSize = OptionalLong.of(c.storedSize());
      sha256 = c.sha256();
      completedAt = OptionalLong.of(nanos(c.completedAt()));
      duration = c.duration().map(x -> OptionalLong.of(x.toNanos())).orElse(OptionalLong.empty());
      processing = Optional.of(c.processing());
      partial = c.partial();
      uploadId = c.replacementUploadId();
    } else if (recording instanceof AbandonedRecording a) {
      uploadId = a.multipartUploadId();
      abandonedAt = OptionalLong.of(nanos(a.abandonedAt()));
    }
    statement.setString(i++, uploadId.orElse(null));
    setLong(statement, i++, uploadExpires);
    setLong(statement, i++, storedSize);
    statement.setString(i++, sha256.orElse(null));
    setLong(statement, i++, completedAt);
    setLong(statement, i++, duration);
    setLong(statement, i++, abandonedAt);
    statement.setString(i++, processing.map(x -> x.state().wireName()).orElse(null));
    setLong(statement, i++, processing.map(x -> OptionalLong.of(nanos(x.since()))).orElse(OptionalLong.empty()));
    statement.setString(i++, processing.flatMap(Processing::failure).orElse(null));
    setLong(statement, i++, processing.map(x -> asLong(x.width())).orElse(OptionalLong.empty()));
    setLong(statement, i++, processing.map(x -> asLong(x.height())).orElse(OptionalLong.empty()));
    Optional<Rendition> mp4 = processing.flatMap(Processing::mp4);
    statement.setString(i++, mp4.map(r -> r.key().value()).orElse(null));
    setLong(statement, i++, mp4.map(r -> OptionalLong.of(r.size())).orElse(OptionalLong.empty()));
    Optional<Rendition> thumbnail = processing.flatMap(Processing::thumbnail);
    statement.setString(i++, thumbnail.map(r -> r.key().value()).orElse(null));
    setLong(statement, i++, thumbnail.map(r -> OptionalLong.of(r.size())).orElse(OptionalLong.empty()));
    Optional<Rendition> storyboard = processing.flatMap(Processing::storyboard);
    statement.setString(i++, storyboard.map(r -> r.key().value()).orElse(null));
    setLong(statement, i++, storyboard.map(r -> OptionalLong.of(r.size())).orElse(OptionalLong.empty()));
    statement.setString(i++, partial.map(PartialReason::wireName).orElse(null));
    statement.setString(i++, SearchColumn.value(d));
    statement.setString(i, d.audioLayout().wireName());
  }

  private static OptionalLong asLong(OptionalInt value) {
    return value.isPresent() ? OptionalLong.of(value.getAsInt()) : OptionalLong.empty();
  }

  private static OptionalInt optionalInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
  }

  static long nanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private static void setLong(PreparedStatement statement, int index, OptionalLong value) throws SQLException {
    if (value.isPresent()) {
      statement.setLong(index, value.getAsLong());
    } else {
      statement.setNull(index, Types.INTEGER);
    }
  }
}

package io.chatvideo.recording.aws;

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
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.SearchText;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import java.time.Duration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A recording as a DynamoDB item. The seed's shape and names stay ({@code PK}, {@code SK},
 * {@code recording_id}, {@code room_id}, {@code user_id}, {@code s3_key}, {@code s3_bucket},
 * {@code filename}, {@code content_type}, {@code size}, {@code status}, {@code created_at},
 * {@code ttl}); the states add their own attributes, and the two listing indexes their keys.
 * Times are ISO-8601 strings, except {@code ttl} (epoch seconds, as DynamoDB TTL wants, of {@code expires_at} plus {@link #TTL_GRACE}) and the
 * index sort keys (fixed-width, see {@link #listingSortKey}).
 */
final class RecordingItem {

  static final String PK = "PK";
  static final String SK = "SK";
  static final String OWNER_PK = "GSI1PK";
  static final String OWNER_SK = "GSI1SK";
  static final String ROOM_PK = "GSI2PK";
  static final String ROOM_SK = "GSI2SK";
  static final String BY_OWNER = "by_owner";
  static final String BY_ROOM = "by_room";
  /**
   * How long after {@code expires_at} DynamoDB's TTL may delete a recording: long enough that the
   * sweep (at least daily) deletes it first and announces {@code recording.expired}; every read
   * checks {@code expires_at} itself, so nothing past it is shown meanwhile.
   */
  static final Duration TTL_GRACE = Duration.ofDays(3);

  static final String RECORDING_ID = "recording_id";
  static final String ROOM_ID = "room_id";
  static final String USER_ID = "user_id";
  static final String PARTICIPANTS = "participants";
  static final String S3_KEY = "s3_key";
  static final String S3_BUCKET = "s3_bucket";
  static final String FILENAME = "filename";
  static final String CONTENT_TYPE = "content_type";
  /** {@code per_party} or {@code mixed}; absent on items written before layouts existed, read as mixed. */
  static final String AUDIO_LAYOUT = "audio_layout";
  static final String SIZE = "size";
  static final String DECLARED_SIZE = "declared_size";
  static final String STORED_SIZE = "stored_size";
  static final String SHA256 = "sha256";
  static final String STATUS = "status";
  static final String CREATED_AT = "created_at";
  static final String EXPIRES_AT = "expires_at";
  static final String TTL = "ttl";
  static final String COMPLETED_AT = "completed_at";
  static final String DURATION_MS = "duration_ms";
  /** A pending upload's multipart upload; on a partial completed recording, the upload that replaces it. */
  static final String UPLOAD_ID = "upload_id";
  static final String UPLOAD_EXPIRES_AT = "upload_expires_at";
  static final String ABANDONED_AT = "abandoned_at";
  static final String PROCESSING = "processing";
  static final String PROCESSING_SINCE = "processing_since";
  static final String PROCESSING_FAILURE = "processing_failure";
  static final String WIDTH = "width";
  static final String HEIGHT = "height";
  static final String MP4_KEY = "mp4_key";
  static final String MP4_SIZE = "mp4_size";
  static final String THUMBNAIL_KEY = "thumbnail_key";
  static final String THUMBNAIL_SIZE = "thumbnail_size";
  static final String STORYBOARD_KEY = "storyboard_key";
  static final String STORYBOARD_SIZE = "storyboard_size";
  /** Set on a recording the sweep completed with the bytes it had ({@code client_gone}); absent on a whole one. */
  static final String PARTIAL_REASON = "partial_reason";
  /** The core's {@code SearchText.searchable}: file name and room, case-folded, for {@code q}. */
  static final String SEARCH_TEXT = "search_text";

  static final String PK_PREFIX = "RECORDING#";
  static final String SK_PREFIX = "METADATA#";
  static final String OWNER_PREFIX = "USER#";
  static final String ROOM_PREFIX = "ROOM#";

  /** Always nine fraction digits, so that the strings sort as the instants do. */
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private RecordingItem() {}

  static String partitionKey(RecordingId id) {
    return PK_PREFIX + id;
  }

  /** The seed's sort key: derivable from the creation time, which every state carries. */
  static String sortKey(Instant createdAt) {
    return SK_PREFIX + ObjectKey.stamp(createdAt);
  }

  static String ownerPartition(UserId owner) {
    return OWNER_PREFIX + owner.value();
  }

  static String roomPartition(RoomId room) {
    return ROOM_PREFIX + room.value();
  }

  /**
   * The listing indexes' sort key: the creation time with a fixed nanosecond width, then the id,
   * so that newest-first order is a plain descending string order and two recordings of one
   * instant still have distinct, stable positions.
   */
  static String listingSortKey(Instant createdAt, RecordingId id) {
    return SORTABLE.format(createdAt) + "#" + id;
  }

  /** The least listing sort key of a recording created at or after {@code createdAt}: the time alone. */
  static String listingSortKeyFrom(Instant createdAt) {
    return SORTABLE.format(createdAt);
  }

  static Map<String, AttributeValue> key(RecordingId id, Instant createdAt) {
    return Map.of(PK, s(partitionKey(id)), SK, s(sortKey(createdAt)));
  }

  static Map<String, AttributeValue> toItem(Recording recording, String bucket) {
    RecordingDetails details = recording.details();
    Map<String, AttributeValue> item = new HashMap<>(key(details.id(), details.createdAt()));
    String listingSortKey = listingSortKey(details.createdAt(), details.id());
    item.put(OWNER_PK, s(ownerPartition(details.owner())));
    item.put(OWNER_SK, s(listingSortKey));
    item.put(ROOM_PK, s(roomPartition(details.roomId())));
    item.put(ROOM_SK, s(listingSortKey));
    item.put(RECORDING_ID, s(details.id().toString()));
    item.put(ROOM_ID, s(details.roomId().value()));
    item.put(USER_ID, s(details.owner().value()));
    if (!details.participants().isEmpty()) {
      // DynamoDB has no empty sets: no participants means no attribute.
      item.put(PARTICIPANTS, AttributeValue.fromSs(details.participants().stream().map(UserId::value).sorted().toList()));
    }
    item.put(S3_KEY, s(details.objectKey().value()));
    item.put(S3_BUCKET, s(bucket));
    item.put(FILENAME, s(details.filename().value()));
    item.put(SEARCH_TEXT, s(SearchText.searchable(details)));
    item.put(CONTENT_TYPE, s(details.contentType().value()));
    item.put(AUDIO_LAYOUT, s(details.audioLayout().wireName()));
    details.declaredSize().ifPresent(size -> item.put(DECLARED_SIZE, n(size)));
    item.put(STATUS, s(recording.status().name()));
    item.put(CREATED_AT, s(details.createdAt().toString()));
    item.put(EXPIRES_AT, s(details.expiresAt().toString()));
    item.put(TTL, n(RetentionPolicy.ttlEpochSeconds(details.expiresAt().plus(TTL_GRACE))));
    if (recording instanceof PendingRecording pending) {
      pending.multipartUploadId().ifPresent(uploadId -> item.put(UPLOAD_ID, s(uploadId)));
      item.put(UPLOAD_EXPIRES_AT, s(pending.uploadExpiresAt().toString()));
      details.declaredSize().ifPresent(size -> item.put(SIZE, n(size)));
    } else if (recording instanceof CompletedRecording completed) {
      item.put(STORED_SIZE, n(completed.storedSize()));
      item.put(SIZE, n(completed.storedSize()));
      completed.sha256().ifPresent(sha -> item.put(SHA256, s(sha)));
      item.put(COMPLETED_AT, s(completed.completedAt().toString()));
      completed.duration().ifPresent(duration -> item.put(DURATION_MS, n(duration.toMillis())));
      putProcessing(item, completed.processing());
      completed.partial().ifPresent(reason -> item.put(PARTIAL_REASON, s(reason.wireName())));
      // A completed recording's open upload is the one that replaces it while partial.
      completed.replacementUploadId().ifPresent(uploadId -> item.put(UPLOAD_ID, s(uploadId)));
    } else if (recording instanceof AbandonedRecording abandoned) {
      abandoned.multipartUploadId().ifPresent(uploadId -> item.put(UPLOAD_ID, s(uploadId)));
      item.put(ABANDONED_AT, s(abandoned.abandonedAt().toString()));
      details.declaredSize().ifPresent(size -> item.put(SIZE, n(size)));
    }
    return item;
  }

  private static void putProcessing(Map<String, AttributeValue> item, Processing processing) {
    item.put(PROCESSING, s(processing.state().wireName()));
    item.put(PROCESSING_SINCE, s(processing.since().toString()));
    processing.failure().ifPresent(reason -> item.put(PROCESSING_FAILURE, s(reason)));
    processing.width().ifPresent(width -> item.put(WIDTH, n(width)));
    processing.height().ifPresent(height -> item.put(HEIGHT, n(height)));
    processing.mp4().ifPresent(mp4 -> {
      item.put(MP4_KEY, s(mp4.key().value()));
      item.put(MP4_SIZE, n(mp4.size()));
    });
    processing.thumbnail().ifPresent(poster -> {
      item.put(THUMBNAIL_KEY, s(poster.key().value()));
      item.put(THUMBNAIL_SIZE, n(poster.size()));
    });
    processing.storyboard().ifPresent(sprite -> {
      item.put(STORYBOARD_KEY, s(sprite.key().value()));
      item.put(STORYBOARD_SIZE, n(sprite.size()));
    });
  }

  /** An item completed before processing existed has no {@code processing} attribute: it reads as off. */
  private static Processing processing(Map<String, AttributeValue> item, Instant completedAt) {
    Optional<String> state = optionalString(item, PROCESSING);
    if (state.isEmpty()) {
      return Processing.off(completedAt);
    }
    return new Processing(ProcessingState.fromWireName(state.get()), Instant.parse(string(item, PROCESSING_SINCE)),
        optionalString(item, PROCESSING_FAILURE), optionalInt(item, WIDTH), optionalInt(item, HEIGHT),
        rendition(item, MP4_KEY, MP4_SIZE), rendition(item, THUMBNAIL_KEY, THUMBNAIL_SIZE),
        rendition(item, STORYBOARD_KEY, STORYBOARD_SIZE));
  }

  private static Optional<Rendition> rendition(Map<String, AttributeValue> item, String keyName, String sizeName) {
    return optionalString(item, keyName).map(key -> new Rendition(new ObjectKey(key), number(item, sizeName)));
  }

  private static OptionalInt optionalInt(Map<String, AttributeValue> item, String name) {
    OptionalLong value = optionalNumber(item, name);
    return value.isPresent() ? OptionalInt.of(Math.toIntExact(value.getAsLong())) : OptionalInt.empty();
  }

  /** The recording an item holds; an item this adapter could not have written is an {@link IllegalStateException}. */
  static Recording fromItem(Map<String, AttributeValue> item) {
    try {
      return read(item);
    } catch (RuntimeException e) {
      AttributeValue pk = item.get(PK);
      throw new IllegalStateException("DynamoDB item " + (pk == null ? "without PK" : pk.s())
          + " is not a recording this adapter can read: " + e.getMessage(), e);
    }
  }

  private static Recording read(Map<String, AttributeValue> item) {
    Instant createdAt = Instant.parse(string(item, CREATED_AT));
    AttributeValue participants = item.get(PARTICIPANTS);
    Set<UserId> others = participants == null ? Set.of()
        : participants.ss().stream().map(UserId::of).collect(Collectors.toUnmodifiableSet());
    RecordingDetails details = new RecordingDetails(
        RecordingId.parse(string(item, RECORDING_ID)),
        RoomId.of(string(item, ROOM_ID)),
        UserId.of(string(item, USER_ID)),
        others,
        new ObjectKey(string(item, S3_KEY)),
        new Filename(string(item, FILENAME)),
        ContentType.parse(string(item, CONTENT_TYPE)),
        optionalNumber(item, DECLARED_SIZE),
        createdAt,
        Instant.parse(string(item, EXPIRES_AT)),
        AudioLayout.fromStored(optionalString(item, AUDIO_LAYOUT)));
    Optional<String> uploadId = optionalString(item, UPLOAD_ID);
    return switch (RecordingStatus.valueOf(string(item, STATUS))) {
      case PENDING -> new PendingRecording(details, uploadId, Instant.parse(string(item, UPLOAD_EXPIRES_AT)));
      case COMPLETED -> {
        OptionalLong millis = optionalNumber(item, DURATION_MS);
        Instant completedAt = Instant.parse(string(item, COMPLETED_AT));
        yield new CompletedRecording(details, number(item, STORED_SIZE), optionalString(item, SHA256), completedAt,
            millis.isPresent() ? Optional.of(Duration.ofMillis(millis.getAsLong())) : Optional.empty(),
            processing(item, completedAt), optionalString(item, PARTIAL_REASON).map(PartialReason::fromWireName),
            uploadId);
      }
      case ABANDONED -> new AbandonedRecording(details, uploadId, Instant.parse(string(item, ABANDONED_AT)));
    };
  }

  static String string(Map<String, AttributeValue> item, String name) {
    return optionalString(item, name).orElseThrow(() -> new IllegalStateException("no string attribute " + name));
  }

  static Optional<String> optionalString(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? Optional.empty() : Optional.ofNullable(value.s());
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    OptionalLong value = optionalNumber(item, name);
    if (value.isEmpty()) {
      throw new IllegalStateException("no number attribute " + name);
    }
    return value.getAsLong();
  }

  static OptionalLong optionalNumber(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.n()));
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}

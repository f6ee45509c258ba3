package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where a recording's bytes live in object storage. Only the server builds keys, always as
 * {@code recordings/{room_id}/{yyyyMMdd-HHmmss}-{recording_id}-recording.{ext}}; the recording id
 * makes two keys of one room and one second differ. What processing makes of it lies next to it,
 * under the same prefix: {@code …-{recording_id}-rendition.mp4}, {@code …-thumbnail.jpg} and the
 * storyboard's {@code …-storyboard.jpg} and {@code …-storyboard.vtt}, so
 * retention and deletion of the prefix cover them.
 */
public record ObjectKey(String value) {

  public static final String PREFIX = "recordings/";

  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private static final String SUFFIX = "-recording.";
  private static final String MP4_RENDITION = "-rendition.mp4";
  private static final String THUMBNAIL = "-thumbnail.jpg";
  private static final String STORYBOARD = "-storyboard.jpg";
  private static final String STORYBOARD_TRACK = "-storyboard.vtt";
  private static final List<String> DERIVED = List.of(MP4_RENDITION, THUMBNAIL, STORYBOARD, STORYBOARD_TRACK);
  /** {@code yyyyMMdd-HHmmss-} and a UUID: the fixed-width part after the room. */
  private static final String STAMP_AND_ID = "dddddddd-dddddd-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
  private static final Set<String> EXTENSIONS = Set.copyOf(ContentType.fileExtensions().values());

  public ObjectKey {
    if (value == null || !followsLayout(value)) {
      throw new IllegalArgumentException("object key does not follow the layout: " + value);
    }
  }

  /** The key if {@code text} follows the layout; empty for anything else found in a store. */
  public static Optional<ObjectKey> ifValid(String text) {
    return text != null && followsLayout(text) ? Optional.of(new ObjectKey(text)) : Optional.empty();
  }

  /** The key for a new recording. */
  public static ObjectKey forRecording(RoomId room, Instant createdAt, RecordingId id, ContentType type) {
    return new ObjectKey(PREFIX + room.value() + "/" + STAMP.format(createdAt) + "-" + id + "-recording."
        + type.extension());
  }

  /**
   * The recording the key was made for: its id is part of the key, so a store can tell from a key
   * alone which recording an object belongs to (the sweep's orphan scan, the local store's
   * single-use check).
   */
  public RecordingId recordingId() {
    int idEnd = value.indexOf('/', PREFIX.length()) + 1 + STAMP_AND_ID.length();
    return new RecordingId(UUID.fromString(value.substring(idEnd - 36, idEnd)));
  }

  /** Where the MP4 rendition of the recording under this key goes. */
  public ObjectKey mp4Rendition() {
    return new ObjectKey(base() + MP4_RENDITION);
  }

  /** Where the poster of the recording under this key goes. */
  public ObjectKey thumbnail() {
    return new ObjectKey(base() + THUMBNAIL);
  }

  /** Where the storyboard's sprite (the scrubbing previews' frames) of the recording under this key goes. */
  public ObjectKey storyboard() {
    return new ObjectKey(base() + STORYBOARD);
  }

  /** Where the storyboard's WebVTT track, whose cues name regions of {@link #storyboard()}, goes. */
  public ObjectKey storyboardTrack() {
    return new ObjectKey(base() + STORYBOARD_TRACK);
  }

  /** Whether this is the key of an uploaded recording, not of something processing made. */
  public boolean isRecording() {
    return value.startsWith(SUFFIX, base().length());
  }

  private String base() {
    return value.substring(0, value.indexOf('/', PREFIX.length()) + 1 + STAMP_AND_ID.length());
  }

  /** The {@code yyyyMMdd-HHmmss} stamp of a creation time, as keys and the DynamoDB sort key use it. */
  public static String stamp(Instant createdAt) {
    return STAMP.format(createdAt);
  }

  /**
   * {@code recordings/[A-Za-z0-9_-]{1,128}/\\d{8}-\\d{6}-<lower-case UUID>-recording.(webm|mp4|m4a)}
   * (or {@code -rendition.mp4}, {@code -thumbnail.jpg}, {@code -storyboard.jpg}, {@code -storyboard.vtt}),
   * checked by hand: every stored row's key comes through here when a page is listed, and this
   * costs a fraction of the equivalent regex (ValueTypeProperties holds the two to the same answers).
   */
  private static boolean followsLayout(String text) {
    if (!text.startsWith(PREFIX)) {
      return false;
    }
    int roomEnd = text.indexOf('/', PREFIX.length());
    int roomLength = roomEnd - PREFIX.length();
    if (roomLength < 1 || roomLength > RoomId.MAX_LENGTH || !RoomId.isRoomText(text, PREFIX.length(), roomEnd)) {
      return false;
    }
    int stampStart = roomEnd + 1;
    int suffixStart = stampStart + STAMP_AND_ID.length();
    boolean derived = false;
    for (String suffix : DERIVED) {
      derived |= text.length() == suffixStart + suffix.length() && text.startsWith(suffix, suffixStart);
    }
    if (!derived && (text.length() <= suffixStart + SUFFIX.length() || !text.startsWith(SUFFIX, suffixStart))) {
      return false;
    }
    for (int i = 0; i < STAMP_AND_ID.length(); i++) {
      char c = text.charAt(stampStart + i);
      boolean ok = switch (STAMP_AND_ID.charAt(i)) {
        case 'd' -> c >= '0' && c <= '9';
        case 'x' -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        default -> c == '-';
      };
      if (!ok) {
        return false;
      }
    }
    return derived || EXTENSIONS.contains(text.substring(suffixStart + SUFFIX.length()));
  }

  @Override
  public String toString() {
    return value;
  }
}

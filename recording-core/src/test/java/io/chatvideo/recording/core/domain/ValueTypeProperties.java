package io.chatvideo.recording.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class ValueTypeProperties {

  @Property
  void everyRoomIdOfTheAllowedAlphabetIsAccepted(@ForAll("roomIds") String room) {
    assertThat(RoomId.of(room).value()).isEqualTo(room);
  }

  @Property
  void aRoomIdWithAnyOtherCharacterIsRejectedOnRoomId(@ForAll("roomIds") String room, @ForAll char other) {
    net.jqwik.api.Assume.that(!(Character.isLetterOrDigit(other) && other < 128) && other != '_' && other != '-');
    String bad = room.substring(0, room.length() / 2) + other + room.substring(room.length() / 2);
    assertThatThrownBy(() -> RoomId.of(bad))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("room_id"));
  }

  @Property
  void roomIdsLongerThan128AreRejected(@ForAll @StringLength(min = 129, max = 400) String any) {
    String longRoom = "a".repeat(any.length());
    assertThatThrownBy(() -> RoomId.of(longRoom)).isInstanceOf(InvalidInputException.class);
  }

  @Property
  void objectKeysFollowTheLayout(@ForAll("roomIds") String room,
      @ForAll @LongRange(min = 0, max = 253402300799L) long epochSecond, @ForAll("contentTypes") String type) {
    RecordingId id = new RecordingId(UUID.randomUUID());
    ContentType contentType = ContentType.parse(type);
    ObjectKey key = ObjectKey.forRecording(RoomId.of(room), Instant.ofEpochSecond(epochSecond), id, contentType);
    assertThat(key.value())
        .startsWith("recordings/" + room + "/")
        .endsWith("-" + id + "-recording." + contentType.extension())
        .matches("recordings/[A-Za-z0-9_-]+/\\d{8}-\\d{6}-.*");
  }

  @Property
  void twoRecordingsOfOneRoomInOneSecondGetDifferentKeys(@ForAll("roomIds") String room,
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond) {
    Instant second = Instant.ofEpochSecond(epochSecond);
    ContentType type = ContentType.DEFAULT;
    ObjectKey first = ObjectKey.forRecording(RoomId.of(room), second, new RecordingId(UUID.randomUUID()), type);
    ObjectKey other = ObjectKey.forRecording(RoomId.of(room), second.plusMillis(999), new RecordingId(UUID.randomUUID()),
        type);
    assertThat(first).isNotEqualTo(other);
  }

  @Property
  void sanitizedFilenamesAreSafeInHeadersAndOnDisk(@ForAll String raw) {
    String name = Filename.sanitize(raw, "recording.webm").value();
    assertThat(name).isNotEmpty().doesNotContain("/", "\\", "\"", "'", "\r", "\n").doesNotStartWith(".");
    assertThat(name.codePoints().noneMatch(Character::isISOControl)).isTrue();
    assertThat(name.codePointCount(0, name.length())).isLessThanOrEqualTo(Filename.MAX_LENGTH);
    assertThat(Filename.sanitize(name, "recording.webm").value()).isEqualTo(name);
  }

  @Property
  void contentTypesOutsideTheAllowListAreRejected(@ForAll @StringLength(max = 60) String type) {
    net.jqwik.api.Assume.that(!ContentType.ALLOWED.contains(type.split(";", -1)[0].trim().toLowerCase()));
    assertThatThrownBy(() -> ContentType.parse(type))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("content_type"));
  }

  /** The layout as a regex, the reference the hand-written check in ObjectKey must agree with. */
  private static final Pattern KEY_LAYOUT = Pattern.compile("recordings/[A-Za-z0-9_-]{1,128}/\\d{8}-\\d{6}-"
      + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-(recording\\.(webm|mp4|m4a)|rendition\\.mp4|thumbnail\\.jpg"
      + "|storyboard\\.(jpg|vtt))");

  @Property(tries = 3000)
  void anObjectKeyIsAcceptedExactlyWhenItMatchesTheLayoutRegex(@ForAll("keyLikeTexts") String text) {
    assertThat(ObjectKey.ifValid(text).isPresent()).as(text).isEqualTo(KEY_LAYOUT.matcher(text).matches());
  }

  @Property(tries = 3000)
  void aFilenameIsAcceptedExactlyWhenSanitizingLeavesItAsItIs(@ForAll("nameLikeTexts") String text) {
    boolean clean = !text.isEmpty() && Filename.sanitize(text, "x").value().equals(text);
    boolean accepted;
    try {
      accepted = new Filename(text).value().equals(text);
    } catch (IllegalArgumentException e) {
      accepted = false;
    }
    assertThat(accepted).as(text).isEqualTo(clean);
  }

  @Property
  void aCodecIsAcceptedExactlyWhenItMatchesTheCodecRegex(
      @ForAll @StringLength(max = 34) @CharRange(from = ' ', to = '~') String codec) {
    boolean expected = codec.matches("[A-Za-z0-9.+-]{1,32}");
    boolean accepted;
    try {
      accepted = new ContentType("video/webm", List.of(codec)).codecs().equals(List.of(codec));
    } catch (InvalidInputException e) {
      accepted = false;
    }
    assertThat(accepted).as(codec).isEqualTo(expected);
  }

  /** Real keys (of recordings and of what processing made), keys with one character changed, cut or added, and noise. */
  @Provide
  Arbitrary<String> keyLikeTexts() {
    Arbitrary<ObjectKey> recordingKeys = Arbitraries.lazy(() -> roomIds()).flatMap(room -> contentTypes().map(type ->
        ObjectKey.forRecording(RoomId.of(room), Instant.ofEpochSecond(1_700_000_000L), new RecordingId(UUID.randomUUID()),
            ContentType.parse(type))));
    Arbitrary<String> keys = recordingKeys.flatMap(key -> Arbitraries.of(key, key.mp4Rendition(), key.thumbnail(),
        key.storyboard(), key.storyboardTrack()))
        .map(ObjectKey::value);
    Arbitrary<String> mutated = keys.flatMap(key -> Arbitraries.integers().between(0, key.length() - 1)
        .flatMap(at -> Arbitraries.chars().with('/', '-', '.', 'A', 'g', '0', ' ', 'é').flatMap(c ->
            Arbitraries.of(
                key.substring(0, at) + c + key.substring(at + 1),
                key.substring(0, at) + key.substring(at + 1),
                key.substring(0, at) + c + key.substring(at),
                key.substring(0, at)))));
    return Arbitraries.oneOf(keys, mutated, Arbitraries.strings().ofMaxLength(80));
  }

  /** Plain ASCII names (the fast path), names near its edges, and any text at all. */
  @Provide
  Arbitrary<String> nameLikeTexts() {
    Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(210);
    Arbitrary<String> edgy = Arbitraries.strings().withChars(' ', '.', 'a', '"', '\'', '/', '\\', '\u00e9', '\u00ad',
        '\u0301', '\t', '\u007f', '\u00a0').ofMinLength(1).ofMaxLength(12);
    return Arbitraries.oneOf(ascii, edgy, Arbitraries.strings().ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> roomIds() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
        .withChars('_', '-').ofMinLength(1).ofMaxLength(128);
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("video/webm", "video/webm;codecs=vp8,opus", "video/mp4;codecs=avc1.42E01E,mp4a.40.2",
        "audio/webm;codecs=opus", "audio/mp4");
  }
}

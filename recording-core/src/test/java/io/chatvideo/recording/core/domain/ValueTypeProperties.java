package io.chatvideo.recording.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

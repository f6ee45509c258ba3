package io.chatvideo.recording.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

  @ParameterizedTest
  @ValueSource(strings = {"video/webm", "video/mp4", "audio/webm", "audio/mp4", "VIDEO/WEBM"})
  void allowListedContentTypesAreAccepted(String text) {
    assertThat(ContentType.parse(text).mediaType()).isEqualTo(text.toLowerCase());
  }

  @Test
  void aPosterTypeIsStoredButNeverARecordingType() {
    assertThatThrownBy(() -> ContentType.parse("image/jpeg")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not allowed");
    assertThat(ContentType.parseStored("image/jpeg")).isEqualTo(ContentType.JPEG);
    assertThat(ContentType.parseStored("video/webm;codecs=vp8,opus").codecs()).containsExactly("vp8", "opus");
    assertThat(ContentType.JPEG.extension()).isNull();
  }

  @Test
  void codecParametersAreNormalizedToTheFormUploadUrlsSign() {
    assertThat(ContentType.parse("video/webm; codecs=\"vp8, opus\"").value()).isEqualTo("video/webm;codecs=vp8,opus");
    assertThat(ContentType.parse("video/mp4;codecs=avc1.42E01E,mp4a.40.2").value())
        .isEqualTo("video/mp4;codecs=avc1.42E01E,mp4a.40.2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/html", "video/webm;charset=utf-8", "video/webm;codecs=vp8;codecs=vp9",
      "video/webm;codecs=\"vp8\nopus\"", "video/webm;codecs=", "application/octet-stream", "video/webm, text/html"})
  void otherContentTypesAreInvalidInputOnContentType(String text) {
    assertThatThrownBy(() -> ContentType.parse(text))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("content_type"));
  }

  @Test
  void extensionsFollowTheMediaType() {
    assertThat(ContentType.parse("video/webm").extension()).isEqualTo("webm");
    assertThat(ContentType.parse("audio/webm").extension()).isEqualTo("webm");
    assertThat(ContentType.parse("video/mp4").extension()).isEqualTo("mp4");
    assertThat(ContentType.parse("audio/mp4").extension()).isEqualTo("m4a");
  }

  @Test
  void aFileExtensionNamesThePreferredMediaType() {
    assertThat(ContentType.forExtension("webm")).contains(ContentType.parse("video/webm"));
    assertThat(ContentType.forExtension("MP4")).contains(ContentType.parse("video/mp4"));
    assertThat(ContentType.forExtension("m4a")).contains(ContentType.parse("audio/mp4"));
    assertThat(ContentType.forExtension("mkv")).isEmpty();
    assertThat(ContentType.fileExtensions()).containsOnlyKeys(ContentType.ALLOWED);
  }

  @Test
  void filenamesLoseTheirPathQuotesAndControlCharacters() {
    assertThat(Filename.sanitize("../../etc/pass\"wd.webm", "x.webm").value()).isEqualTo("passwd.webm");
    assertThat(Filename.sanitize("C:\\Users\\a\\call.webm", "x.webm").value()).isEqualTo("call.webm");
    assertThat(Filename.sanitize("a\r\nSet-Cookie: x=1\u0000.webm", "x.webm").value())
        .isEqualTo("aSet-Cookie: x=1.webm");
    assertThat(Filename.sanitize("  .hidden  'name'.webm ", "x.webm").value()).isEqualTo("hidden name.webm");
  }

  @Test
  void aFilenameWhoseRemovedCharacterSatBeforeACombiningMarkIsComposedNotRefused() {
    // Found by ValueTypeProperties: the soft hyphen goes, then "a" and the diaeresis compose to "ä".
    assertThat(Filename.sanitize("a\u00AD\u0308.webm", "x.webm").value()).isEqualTo("\u00E4.webm");
    assertThat(Filename.sanitize("e\u200D\u0301", "x.webm").value()).isEqualTo("\u00E9");
  }

  @Test
  void aFilenameThatSanitizesToNothingTakesTheFallback() {
    assertThat(Filename.sanitize("../\u0000\"", "recording.webm").value()).isEqualTo("recording.webm");
    assertThat(Filename.sanitize(null, "recording.webm").value()).isEqualTo("recording.webm");
  }

  @Test
  void longFilenamesAreCut() {
    assertThat(Filename.sanitize("a".repeat(500) + ".webm", "x.webm").value()).hasSize(Filename.MAX_LENGTH);
  }

  @Test
  void contentDispositionCarriesAnAsciiFallbackAndTheUtf8Name() {
    assertThat(Filename.sanitize("Réunion 1.webm", "x.webm").contentDisposition())
        .isEqualTo("attachment; filename=\"R_union 1.webm\"; filename*=UTF-8''R%C3%A9union%201.webm");
  }

  @Test
  void aRecordingIdMustBeACanonicalUuid() {
    assertThat(RecordingId.parse("123e4567-e89b-12d3-a456-426614174000").toString())
        .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    for (String bad : new String[] {"", "1-1-1-1-1", "123e4567e89b12d3a456426614174000", "../../etc/passwd"}) {
      assertThatThrownBy(() -> RecordingId.parse(bad))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("recording_id"));
    }
  }

  @Test
  void userIdsAreBoundedAndPrintable() {
    assertThat(UserId.of("alice@example.com").value()).isEqualTo("alice@example.com");
    assertThatThrownBy(() -> UserId.of(" ")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> UserId.of("a\nb")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> UserId.of("a".repeat(321))).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aSubjectNeverNamesTheUserOfTheSameVerifiedEmail() {
    assertThat(UserId.ofSubject("victim@example.com")).isNotEqualTo(UserId.ofVerifiedEmail("victim@example.com"));
    assertThat(UserId.ofSubject("7f3c").value()).isEqualTo("sub:7f3c");
    assertThatThrownBy(() -> UserId.ofVerifiedEmail("sub:7f3c@example.com")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> UserId.ofVerifiedEmail("no-at-sign")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aMissingRoomIdSaysItIsRequired() {
    assertThatThrownBy(() -> RoomId.of(null)).hasMessage("room_id: is required");
  }

  @Test
  void anETagMatchesWhateverItsQuoting() {
    assertThat(ETag.parse("\"abc\"", "etag")).isEqualTo(ETag.of("abc"));
    assertThat(ETag.parse("  abc ", "etag")).isEqualTo(ETag.of("abc"));
    assertThat(ETag.of("abc").quoted()).isEqualTo("\"abc\"");
    assertThat(ETag.parse("\"abc\"", "etag")).isNotEqualTo(ETag.of("abd"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "\"\"", "a\"b", "\"a\"b\""})
  void aBlankOrInnerQuotedETagIsInvalidInputOnItsField(String text) {
    assertThatThrownBy(() -> ETag.parse(text, "parts")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("parts");
  }

  @Test
  void anObjectKeyNamesTheRecordingItWasMadeFor() {
    RecordingId id = RecordingId.parse("123e4567-e89b-12d3-a456-426614174000");
    ObjectKey key = ObjectKey.forRecording(RoomId.of("room-1"), java.time.Instant.parse("2026-05-01T12:00:00Z"), id,
        ContentType.DEFAULT);

    assertThat(key.recordingId()).isEqualTo(id);
    assertThat(ObjectKey.ifValid(key.value())).contains(key);
    assertThat(ObjectKey.ifValid("recordings/room-1/notes.txt")).isEmpty();
  }
}

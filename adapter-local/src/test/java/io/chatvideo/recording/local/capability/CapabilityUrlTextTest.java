package io.chatvideo.recording.local.capability;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The URL text skips the form encoder only where the encoder would have written the value unchanged. */
class CapabilityUrlTextTest {

  private static final ContentType WEBM = ContentType.parse("video/webm");

  @ParameterizedTest
  @ValueSource(strings = {"plain-name_1.webm", "with space.webm", "ünïcödé.webm", "a+b&c=d.webm", "star*.webm",
      "percent%20.webm", "tilde~.webm"})
  void queryValuesAreFormEncodedExactlyAsUrlEncoderWritesThem(String name) {
    Instant expires = Instant.ofEpochSecond(1_796_693_410L);
    ObjectKey key = ObjectKey.forRecording(RoomId.of("room-1"), expires, new RecordingId(UUID.randomUUID()), WEBM);
    Filename filename = Filename.sanitize(name, "fallback.webm");
    Capability capability = new Capability(Capability.Method.GET, key, expires, Optional.of(WEBM), Optional.empty(),
        Optional.empty(), Optional.of(filename));

    String url = capability.relativeUrl("c2lnbmF0dXJl_-");

    assertThat(url).isEqualTo(Capability.PATH_PREFIX + key.value() + "?expires=1796693410&type="
        + URLEncoder.encode("video/webm", StandardCharsets.UTF_8) + "&filename="
        + URLEncoder.encode(filename.value(), StandardCharsets.UTF_8) + "&signature=c2lnbmF0dXJl_-");
  }
}

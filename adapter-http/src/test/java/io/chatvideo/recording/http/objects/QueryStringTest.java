package io.chatvideo.recording.http.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

  @Test
  void namesAndValuesArePercentDecoded() {
    assertThat(QueryString.parse("type=video%2Fwebm%3Bcodecs%3Dvp8%2Copus&filename=a+b.webm&flag"))
        .isEqualTo(Map.of("type", "video/webm;codecs=vp8,opus", "filename", "a b.webm", "flag", ""));
  }

  @Test
  void emptyAndMissingQueriesHaveNoParameters() {
    assertThat(QueryString.parse(null)).isEmpty();
    assertThat(QueryString.parse("")).isEmpty();
    assertThat(QueryString.parse("&&")).isEmpty();
  }

  @Test
  void aRepeatedNameIsRefusedRatherThanResolvedEitherWay() {
    assertThatThrownBy(() -> QueryString.parse("length=1&length=2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void controlCharactersThatCouldForgeTheSignedTextAreRefused() {
    assertThatThrownBy(() -> QueryString.parse("type=video%2Fwebm%0Alength%3D%3D5"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control");
    assertThatThrownBy(() -> QueryString.parse("na%00me=x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void malformedPercentEncodingAndOverlongQueriesAreRefused() {
    assertThatThrownBy(() -> QueryString.parse("a=%zz")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QueryString.parse("a=" + "x".repeat(QueryString.MAX_LENGTH)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

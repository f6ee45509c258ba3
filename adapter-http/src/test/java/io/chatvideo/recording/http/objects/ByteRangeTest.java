package io.chatvideo.recording.http.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.http.objects.ByteRange.Kind;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void noHeaderMeansTheWholeObject() {
    assertThat(ByteRange.parse(null, 100)).isEqualTo(new ByteRange(Kind.WHOLE, 0, 100));
  }

  @Test
  void theThreeFormsOfOneRange() {
    assertThat(ByteRange.parse("bytes=10-19", 100)).isEqualTo(new ByteRange(Kind.PARTIAL, 10, 10));
    assertThat(ByteRange.parse("bytes=90-", 100)).isEqualTo(new ByteRange(Kind.PARTIAL, 90, 10));
    assertThat(ByteRange.parse("bytes=-30", 100)).isEqualTo(new ByteRange(Kind.PARTIAL, 70, 30));
    assertThat(ByteRange.parse("Bytes = 0-0", 100)).isEqualTo(new ByteRange(Kind.PARTIAL, 0, 1));
  }

  @Test
  void endsPastTheObjectAreClampedAndSuffixesLongerThanItTakeItAll() {
    assertThat(ByteRange.parse("bytes=50-1000", 100)).isEqualTo(new ByteRange(Kind.PARTIAL, 50, 50));
    assertThat(ByteRange.parse("bytes=-1000", 100)).isEqualTo(new ByteRange(Kind.PARTIAL, 0, 100));
    assertThat(ByteRange.parse("bytes=0-99999999999999999999999", 100)).isEqualTo(new ByteRange(Kind.PARTIAL, 0, 100));
  }

  @Test
  void startsPastTheEndEmptySuffixesAndEmptyObjectsAreUnsatisfiable() {
    assertThat(ByteRange.parse("bytes=100-", 100).kind()).isEqualTo(Kind.UNSATISFIABLE);
    assertThat(ByteRange.parse("bytes=99999999999999999999999-", 100).kind()).isEqualTo(Kind.UNSATISFIABLE);
    assertThat(ByteRange.parse("bytes=-0", 100).kind()).isEqualTo(Kind.UNSATISFIABLE);
    assertThat(ByteRange.parse("bytes=0-", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
    assertThat(ByteRange.parse("bytes=-5", 0).contentRange(0)).isEqualTo("bytes */0");
  }

  @Test
  void whatIsNotOneByteRangeIsIgnored() {
    for (String header : new String[] {"", "bytes=", "bytes=-", "bytes=5-1", "bytes=0-1,3-4", "lines=1-2", "bytes=a-b",
        "bytes=--1"}) {
      assertThat(ByteRange.parse(header, 100).kind()).as(header).isEqualTo(Kind.WHOLE);
    }
  }

  @Test
  void contentRangeNamesTheInclusiveEnd() {
    assertThat(ByteRange.parse("bytes=10-19", 100).contentRange(100)).isEqualTo("bytes 10-19/100");
  }
}

package io.chatvideo.recording.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FormattingTest {

  @Test
  void sizesUseBinaryUnitsWithOneDecimalBelowTen() {
    assertThat(ByteSize.format(0)).isEqualTo("0 B");
    assertThat(ByteSize.format(1023)).isEqualTo("1023 B");
    assertThat(ByteSize.format(1024)).isEqualTo("1.0 KiB");
    assertThat(ByteSize.format(1536)).isEqualTo("1.5 KiB");
    assertThat(ByteSize.format(11L * 1024 * 1024)).isEqualTo("11 MiB");
    assertThat(ByteSize.format(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
  }

  @Test
  void sizesParseWithOrWithoutUnits() {
    assertThat(ByteSize.parse("5242880")).isEqualTo(5_242_880);
    assertThat(ByteSize.parse("5MiB")).isEqualTo(5_242_880);
    assertThat(ByteSize.parse("64m")).isEqualTo(64L << 20);
    assertThat(ByteSize.parse("1 GiB")).isEqualTo(1L << 30);
    assertThatThrownBy(() -> ByteSize.parse("lots")).hasMessageContaining("not a size");
  }

  @Test
  void durationsParseShortAndIsoForms() {
    DurationConverter converter = new DurationConverter();
    assertThat(converter.convert("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(converter.convert("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(converter.convert("P7D")).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> converter.convert("a month")).isInstanceOf(CommandLine.TypeConversionException.class);
  }

  @Test
  void timesPrintInTheLocalZoneToTheSecond() {
    assertThat(Times.local(Instant.parse("2025-01-15T23:30:59.999Z"), ZoneId.of("Asia/Tokyo")))
        .isEqualTo("2025-01-16 08:30:59");
    assertThat(Times.local(null, ZoneId.of("UTC"))).isEqualTo("-");
  }

  @Test
  void recordingLengthsReadAsPlayersShowThem() {
    assertThat(Times.duration(2_600L)).isEqualTo("0:03");
    assertThat(Times.duration(725_000L)).isEqualTo("12:05");
    assertThat(Times.duration(3_723_000L)).isEqualTo("1:02:03");
    assertThat(Times.duration(null)).isEqualTo("-");
  }

  @Test
  void tableColumnsAreAlignedOnTheWidestCell() {
    StringWriter out = new StringWriter();
    new Table("A", "LONG HEADER", "C").row("wide cell", "x", "é").row("", "y", "z").print(new PrintWriter(out, true));

    assertThat(out.toString()).isEqualTo("""
        A          LONG HEADER  C
        wide cell  x            é
                   y            z
        """);
  }

  @Test
  void progressBarShowsBytesRateAndEta() {
    AtomicLong nanos = new AtomicLong();
    StringWriter err = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(err), "call.webm", 10L << 20, 2L << 20, nanos::get, true);

    nanos.set(2_000_000_000L);
    bar.advance(4L << 20);

    assertThat(bar.line(nanos.get())).isEqualTo(
        "call.webm                    [##############..........]  60% 6.0 MiB/10 MiB 2.0 MiB/s ETA 0:02");
    assertThat(err.toString()).startsWith("\r").contains("60%");
  }

  @Test
  void progressBarBlanksWhatIsLeftOfALongerLine() {
    AtomicLong nanos = new AtomicLong();
    StringWriter err = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(err), "x", 10L << 30, 0, nanos::get, true);
    nanos.set(1_000_000_000L);
    bar.advance(1L << 20);
    String first = err.toString().substring(1);

    nanos.set(2_000_000_000L);
    bar.advance((10L << 30) - (1L << 20));

    String second = err.toString().substring(first.length() + 2);
    assertThat(first).endsWith("ETA 2:50:39");
    assertThat(second).hasSameSizeAs(first).contains("ETA --:--").endsWith("  ");
  }

  @Test
  void progressBarIsSilentWhenNobodyWatches() {
    StringWriter err = new StringWriter();
    try (ProgressBar bar = new ProgressBar(new PrintWriter(err), "x", 100, 0, System::nanoTime, false)) {
      bar.advance(100);
    }

    assertThat(err.toString()).isEmpty();
  }
}

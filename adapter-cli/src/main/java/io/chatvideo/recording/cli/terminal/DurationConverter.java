package io.chatvideo.recording.cli.terminal;

import io.chatvideo.recording.core.domain.DurationText;
import java.time.Duration;
import picocli.CommandLine;

/** Durations as the server's settings take them ({@link DurationText}): {@code 30d}, {@code 12h}, {@code 250ms}, {@code P30D}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return DurationText.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
        "'" + value + "' is not a duration like 30d, 12h or P30D"));
  }
}

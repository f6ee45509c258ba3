package io.chatvideo.recording.ffmpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the engine's two programs are and how long a step may take. A step's time limit grows
 * with the recording it works on: {@code timeout} plus a step-specific multiple of the media
 * duration (see {@link FfmpegMediaProcessor}), so a 3-hour call is not cut off at a limit made
 * for a 3-minute one.
 *
 * <pre>{@code
 * FfmpegSettings settings = FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow();
 * }</pre>
 */
public record FfmpegSettings(Path ffmpeg, Path ffprobe, Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  public FfmpegSettings {
    Objects.requireNonNull(ffmpeg, "ffmpeg");
    Objects.requireNonNull(ffprobe, "ffprobe");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the processing timeout must be positive, not " + timeout);
    }
  }

  /**
   * Finds {@code ffmpeg} (a path, or a name looked up on {@code PATH}) and the {@code ffprobe}
   * beside it; empty when either is not an executable file.
   */
  public static Optional<FfmpegSettings> find(Path ffmpeg) {
    return executable(ffmpeg).flatMap(found -> executable(found.resolveSibling("ffprobe"))
        .map(probe -> new FfmpegSettings(found, probe, DEFAULT_TIMEOUT)));
  }

  private static Optional<Path> executable(Path program) {
    if (program.getNameCount() > 1 || program.isAbsolute()) {
      return Files.isExecutable(program) && Files.isRegularFile(program) ? Optional.of(program) : Optional.empty();
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(java.io.File.pathSeparator)).filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir).resolve(program))
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
        .findFirst();
  }
}

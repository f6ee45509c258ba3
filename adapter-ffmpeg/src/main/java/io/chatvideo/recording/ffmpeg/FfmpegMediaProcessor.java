package io.chatvideo.recording.ffmpeg;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import io.chatvideo.recording.core.port.out.MediaProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The media engine on Debian's ffmpeg: every step a time-limited subprocess, writing to a
 * {@code .partial} file beside {@code out} that is renamed into place only once it probed as it
 * should, so no half-written rendition is ever visible under {@code out}.
 *
 * <p>Time limits: {@code timeout} from the settings plus, per second of media, 0.05 s for a probe
 * or a poster, 0.5 s for a remux (stream copy) and 4 s for the H.264 transcode (Debian's x264
 * {@code veryfast} runs 720p at about 2.5× real time on two cores).
 *
 * <pre>{@code
 * MediaProcessor engine = new FfmpegMediaProcessor(FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow());
 * MediaInfo seekable = engine.remuxSeekable(original, engine.probe(original), ContentType.parse("video/webm"),
 *     dir.resolve("seekable.webm"));
 * }</pre>
 */
public final class FfmpegMediaProcessor implements MediaProcessor {

  /** How far a remux or transcode may move the duration: a frame or two, and AAC's priming. */
  static final Duration DURATION_TOLERANCE = Duration.ofMillis(250);

  /** Mean luma (0–255) under which a poster candidate counts as black. */
  static final double BLACK_LUMA = 24;

  /** Where in the recording poster candidates are taken, as fractions of the duration. */
  private static final double[] POSTER_POSITIONS = {0.10, 0.30, 0.50, 0.70, 0.0};

  static final double PROBE_SECONDS_PER_SECOND = 0.05;
  static final double REMUX_SECONDS_PER_SECOND = 0.5;
  static final double TRANSCODE_SECONDS_PER_SECOND = 4;

  private static final int MAX_PROBE_JSON = 1 << 20;

  private final FfmpegSettings settings;

  public FfmpegMediaProcessor(FfmpegSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public MediaInfo probe(Path file) {
    ProbeReport report = report(file);
    double seconds = report.containerSeconds().orElseGet(() -> packetSeconds(file));
    if (seconds <= 0) {
      throw new MediaProcessingException(Reason.EMPTY, "the recording is 0 seconds long");
    }
    return report.withDuration(seconds);
  }

  @Override
  public MediaInfo remuxSeekable(Path original, MediaInfo before, ContentType contentType, Path out) {
    boolean mp4 = contentType.mediaType().endsWith("/mp4");
    List<String> command = new ArrayList<>(ffmpeg(original));
    command.addAll(List.of("-map", "0", "-c", "copy"));
    if (mp4) {
      command.addAll(List.of("-movflags", "+faststart", "-f", "mp4"));
    } else {
      command.addAll(List.of("-f", "webm"));
    }
    return produce(command, out, step(before, REMUX_SECONDS_PER_SECOND), () -> {
      Path partial = partial(out);
      ProbeReport report = report(partial);
      OptionalDouble written = report.containerSeconds();
      if (written.isEmpty()) {
        throw new MediaProcessingException(Reason.MISMATCH, "the remuxed file has no duration in its header");
      }
      MediaInfo after = report.withDuration(written.getAsDouble());
      requireSame(before, after, "remux");
      return after;
    });
  }

  @Override
  public MediaInfo transcodeMp4(Path original, MediaInfo info, Path out) {
    List<String> command = new ArrayList<>(ffmpeg(original));
    if (info.video().isPresent()) {
      // H.264 in yuv420p wants even sides; vfr keeps MediaRecorder's timestamps instead of
      // filling a millisecond timebase with duplicated frames.
      command.addAll(List.of("-map", "0:v:0", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
          "-pix_fmt", "yuv420p", "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-fps_mode", "vfr"));
    }
    if (info.audio().isPresent()) {
      command.addAll(List.of("-map", "0:a:0", "-c:a", "aac", "-b:a", "128k"));
    }
    command.addAll(List.of("-movflags", "+faststart", "-f", "mp4"));
    return produce(command, out, step(info, TRANSCODE_SECONDS_PER_SECOND), () -> {
      MediaInfo after = probe(partial(out));
      if (info.video().isPresent() && !after.video().map(v -> v.codec().equals("h264")).orElse(false)) {
        throw new MediaProcessingException(Reason.MISMATCH, "the MP4 rendition has no H.264 video");
      }
      if (info.audio().isPresent() && !after.audio().map(a -> a.codec().equals("aac")).orElse(false)) {
        throw new MediaProcessingException(Reason.MISMATCH, "the MP4 rendition has no AAC audio");
      }
      requireDuration(info, after, "MP4 transcode");
      return after;
    });
  }

  @Override
  public MediaInfo.VideoStream thumbnail(Path original, MediaInfo info, int maxWidth, Path out) {
    if (maxWidth < 16) {
      throw new IllegalArgumentException("a poster is at least 16 pixels wide, not " + maxWidth);
    }
    if (info.video().isEmpty()) {
      throw new MediaProcessingException(Reason.EMPTY, "the recording has no video to take a poster from");
    }
    double seconds = info.duration().toNanos() / 1e9;
    Duration limit = step(info, PROBE_SECONDS_PER_SECOND);
    for (double position : POSTER_POSITIONS) {
      List<String> command = new ArrayList<>(List.of(settings.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
          "-ss", String.format(java.util.Locale.ROOT, "%.3f", seconds * position), "-i", original.toString(),
          "-frames:v", "1", "-vf", "scale='min(" + maxWidth + ",iw)':-2", "-q:v", "3", "-c:v", "mjpeg",
          "-f", "image2"));
      boolean last = position == POSTER_POSITIONS[POSTER_POSITIONS.length - 1];
      Path candidate = partial(out);
      command.add(candidate.toString());
      try {
        ToolRun.run(command, limit, line -> { });
        if (Files.size(candidate) == 0) {
          continue;
        }
        if (last || meanLuma(candidate, limit) >= BLACK_LUMA) {
          MediaInfo.VideoStream poster = report(candidate).video().orElseThrow(() ->
              new MediaProcessingException(Reason.FAILED, "ffmpeg wrote a poster ffprobe cannot read"));
          Files.move(candidate, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return poster;
        }
      } catch (IOException e) {
        deleteQuietly(candidate);
        throw new MediaProcessingException(Reason.FAILED, "cannot write the poster: " + e.getMessage(), e);
      } catch (MediaProcessingException e) {
        deleteQuietly(candidate);
        throw e;
      }
    }
    deleteQuietly(partial(out));
    throw new MediaProcessingException(Reason.EMPTY, "no frame of the recording could be decoded for a poster");
  }

  private ProbeReport report(Path file) {
    StringBuilder json = new StringBuilder();
    try {
      ToolRun.run(List.of(settings.ffprobe().toString(), "-v", "error", "-show_format", "-show_streams", "-of", "json",
          file.toString()), settings.timeout(), line -> {
            if (json.length() < MAX_PROBE_JSON) {
              json.append(line).append('\n');
            }
          });
    } catch (MediaProcessingException e) {
      if (e.reason() != Reason.FAILED) {
        throw e;
      }
      // MediaRecorder stopped before its first frame writes a header and no cluster: ffprobe
      // reads to the end and finds nothing, which is an empty recording, not a foreign file.
      if (e.getMessage().contains("End of file") || e.getMessage().contains("File ended prematurely")) {
        throw new MediaProcessingException(Reason.EMPTY, "the recording ends before its first frame (0 seconds)", e);
      }
      throw new MediaProcessingException(Reason.NOT_MEDIA, "not a media file the engine can read ("
          + e.getMessage() + ")", e);
    }
    ProbeReport report = ProbeReport.parse(json.toString());
    if (!report.hasStreams()) {
      throw new MediaProcessingException(Reason.EMPTY, "the file holds no audio or video stream");
    }
    return report;
  }

  /** The end of the last packet, for containers that carry no duration (MediaRecorder's WebM). */
  private double packetSeconds(Path file) {
    double[] end = {0};
    ToolRun.run(List.of(settings.ffprobe().toString(), "-v", "error", "-show_entries", "packet=pts_time,duration_time",
        "-of", "csv=p=0", file.toString()), settings.timeout(), line -> {
          String[] fields = line.split(",");
          double pts = number(fields, 0);
          double duration = number(fields, 1);
          if (Double.isFinite(pts)) {
            end[0] = Math.max(end[0], pts + (Double.isFinite(duration) ? duration : 0));
          }
        });
    return end[0];
  }

  private double meanLuma(Path jpeg, Duration limit) {
    double[] luma = {-1};
    ToolRun.run(List.of(settings.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", jpeg.toString(), "-vf",
        "signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG:file=-", "-f", "null", "-"), limit, line -> {
          int at = line.indexOf("lavfi.signalstats.YAVG=");
          if (at >= 0) {
            luma[0] = number(new String[] {line.substring(at + "lavfi.signalstats.YAVG=".length())}, 0);
          }
        });
    return luma[0];
  }

  private List<String> ffmpeg(Path input) {
    return List.of(settings.ffmpeg().toString(), "-nostdin", "-v", "error", "-y", "-i", input.toString());
  }

  /** Runs {@code command} into {@code out}'s partial file, checks it, then renames it into place. */
  private MediaInfo produce(List<String> command, Path out, Duration limit, Supplier<MediaInfo> check) {
    Path partial = partial(out);
    List<String> full = new ArrayList<>(command);
    full.add(partial.toString());
    try {
      ToolRun.run(full, limit, line -> { });
      MediaInfo result = check.get();
      Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return result;
    } catch (IOException e) {
      throw new MediaProcessingException(Reason.FAILED, "cannot write " + out.getFileName() + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(partial);
    }
  }

  private Duration step(MediaInfo info, double secondsPerMediaSecond) {
    return limit(settings.timeout(), info.duration(), secondsPerMediaSecond);
  }

  /** A step's time limit: the base, plus so many seconds for each second of media. */
  static Duration limit(Duration base, Duration media, double secondsPerMediaSecond) {
    return base.plusMillis(Math.round(media.toMillis() * secondsPerMediaSecond));
  }

  private static void requireSame(MediaInfo before, MediaInfo after, String step) {
    if (!before.video().equals(after.video()) || !before.audio().equals(after.audio())) {
      throw new MediaProcessingException(Reason.MISMATCH, "the " + step + " changed the streams: " + describe(before)
          + " became " + describe(after));
    }
    requireDuration(before, after, step);
  }

  private static void requireDuration(MediaInfo before, MediaInfo after, String step) {
    Duration drift = before.duration().minus(after.duration()).abs();
    if (drift.compareTo(DURATION_TOLERANCE) > 0) {
      throw new MediaProcessingException(Reason.MISMATCH, "the " + step + " changed the duration from "
          + before.duration().toMillis() + " ms to " + after.duration().toMillis() + " ms");
    }
  }

  private static String describe(MediaInfo info) {
    return info.video().map(v -> v.codec() + " " + v.width() + "x" + v.height()).orElse("no video") + " + "
        + info.audio().map(MediaInfo.AudioStream::codec).orElse("no audio");
  }

  private static Path partial(Path out) {
    return out.resolveSibling(out.getFileName() + ".partial");
  }

  private static double number(String[] fields, int index) {
    if (index >= fields.length) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(fields[index].strip());
    } catch (NumberFormatException notANumber) {
      return Double.NaN;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A partial file that cannot be deleted is overwritten by the next try of the step.
    }
  }
}

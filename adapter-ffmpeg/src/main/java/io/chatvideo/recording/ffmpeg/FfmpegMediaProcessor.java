package io.chatvideo.recording.ffmpeg;

import io.chatvideo.recording.core.domain.AudioLayout;
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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The media engine on Debian's ffmpeg: every step a time-limited subprocess, writing to a
 * {@code .partial} file beside {@code out} that is renamed into place only once it probed as it
 * should, so no half-written rendition is ever visible under {@code out}.
 *
 * <p>Time limits: {@code timeout} from the settings plus, per second of media, 0.05 s for a probe
 * or a poster, 0.5 s for a remux (stream copy) and 4 s for the H.264 transcode (Debian's x264
 * {@code veryfast} runs 720p at about 2.5× real time on two cores), where the media duration is
 * the packets' (bounded by the caller's {@code longest}), never a header's claim.
 *
 * <p>Every run on an upload reads it as its declared type allows ({@link AllowedMedia}): forced
 * demuxer, {@code file} protocol only, allowed decoders only.
 *
 * <pre>{@code
 * MediaProcessor engine = new FfmpegMediaProcessor(FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow());
 * ContentType webm = ContentType.parse("video/webm");
 * MediaInfo seekable = engine.remuxSeekable(original, engine.probe(original, webm, Duration.ofHours(12)), webm,
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
  /** A storyboard decodes every frame once and encodes one small image: about a remux's cost. */
  static final double STORYBOARD_SECONDS_PER_SECOND = 0.5;

  static final int STORYBOARD_TILE_WIDTH = 160;
  static final int STORYBOARD_COLUMNS = 10;
  static final double STORYBOARD_MIN_INTERVAL_SECONDS = 2;

  private static final int MAX_PROBE_JSON = 1 << 20;

  /** What ffmpeg says when a stream's codec has no decoder on the whitelist: the codec is ffmpeg's own name. */
  private static final Pattern REFUSED_CODEC = Pattern.compile("Codec \\(([A-Za-z0-9_.-]{1,32})\\) not on whitelist");

  private final FfmpegSettings settings;

  public FfmpegMediaProcessor(FfmpegSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public MediaInfo probe(Path file, ContentType contentType, Duration longest) {
    AllowedMedia allowed = AllowedMedia.of(contentType);
    ProbeReport report = report(file, allowed);
    allowed.check(report);
    if (!report.hasStreams()) {
      throw new MediaProcessingException(Reason.EMPTY, "the file holds no audio or video stream");
    }
    double seconds = packetSeconds(file, allowed, longest);
    if (seconds <= 0) {
      throw new MediaProcessingException(Reason.EMPTY, "the recording is 0 seconds long");
    }
    return report.withDuration(seconds);
  }

  @Override
  public MediaInfo remuxSeekable(Path original, MediaInfo before, ContentType contentType, Path out) {
    AllowedMedia allowed = AllowedMedia.of(contentType);
    List<String> command = new ArrayList<>(ffmpeg(original, allowed));
    command.addAll(streams(before));
    command.addAll(List.of("-c", "copy"));
    if (allowed.demuxer().equals("mov")) {
      command.addAll(List.of("-movflags", "+faststart", "-f", "mp4"));
    } else {
      command.addAll(List.of("-f", AllowedMedia.webmMuxerTakes(codecs(before)) ? "webm" : "matroska"));
    }
    return produce(command, out, step(before, REMUX_SECONDS_PER_SECOND), () -> {
      MediaInfo after = written(partial(out), allowed, before, "remux");
      requireSame(before, after, "remux");
      return after;
    });
  }

  /**
   * A viewer hears both parties in both ears: a {@code PER_PARTY} original (local left, remote
   * right) is mixed down, each party at half level in each channel; a mono source is made stereo
   * first, so the filter never names a channel that is not there.
   */
  static final String BOTH_EARS = "aformat=channel_layouts=stereo,pan=stereo|c0=0.5*c0+0.5*c1|c1=0.5*c0+0.5*c1";

  @Override
  public MediaInfo transcodeMp4(Path original, ContentType contentType, MediaInfo info, AudioLayout audioLayout,
      Path out) {
    List<String> command = new ArrayList<>(ffmpeg(original, AllowedMedia.of(contentType)));
    if (info.video().isPresent()) {
      // H.264 in yuv420p wants even sides; vfr keeps MediaRecorder's timestamps instead of
      // filling a millisecond timebase with duplicated frames.
      command.addAll(List.of("-map", "0:v:0", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
          "-pix_fmt", "yuv420p", "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-fps_mode", "vfr"));
    }
    if (info.audio().isPresent()) {
      command.addAll(List.of("-map", "0:a:0", "-c:a", "aac", "-b:a", "128k"));
      if (audioLayout == AudioLayout.PER_PARTY) {
        command.addAll(List.of("-af", BOTH_EARS));
      }
    }
    command.addAll(List.of("-movflags", "+faststart", "-f", "mp4"));
    return produce(command, out, step(info, TRANSCODE_SECONDS_PER_SECOND), () -> {
      MediaInfo after = written(partial(out), AllowedMedia.of(ContentType.MP4), info, "MP4 transcode");
      if (info.video().isPresent() && !after.video().map(v -> v.codec().equals("h264")).orElse(false)) {
        throw new MediaProcessingException(Reason.MISMATCH, "the MP4 rendition has no H.264 video");
      }
      if (info.audio().isPresent() && !after.audio().map(a -> a.codec().equals("aac")).orElse(false)) {
        throw new MediaProcessingException(Reason.MISMATCH, "the MP4 rendition has no AAC audio");
      }
      return after;
    });
  }

  @Override
  public MediaInfo.VideoStream thumbnail(Path original, ContentType contentType, MediaInfo info, int maxWidth,
      Path out) {
    if (maxWidth < 16) {
      throw new IllegalArgumentException("a poster is at least 16 pixels wide, not " + maxWidth);
    }
    if (info.video().isEmpty()) {
      throw new MediaProcessingException(Reason.EMPTY, "the recording has no video to take a poster from");
    }
    AllowedMedia allowed = AllowedMedia.of(contentType);
    double seconds = info.duration().toNanos() / 1e9;
    Duration limit = step(info, PROBE_SECONDS_PER_SECOND);
    for (double position : POSTER_POSITIONS) {
      List<String> command = new ArrayList<>(List.of(settings.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
          "-ss", String.format(java.util.Locale.ROOT, "%.3f", seconds * position)));
      command.addAll(allowed.input(original));
      command.addAll(List.of("-map", "0:v:0", "-frames:v", "1", "-vf", "scale='min(" + maxWidth + ",iw)':-2",
          "-q:v", "3", "-c:v", "mjpeg", "-f", "image2", "-update", "1"));
      boolean last = position == POSTER_POSITIONS[POSTER_POSITIONS.length - 1];
      Path candidate = partial(out);
      command.add("file:" + candidate);
      try {
        ToolRun.run(command, limit, line -> { });
        if (Files.size(candidate) == 0) {
          continue;
        }
        if (last || meanLuma(candidate, limit) >= BLACK_LUMA) {
          MediaInfo.VideoStream poster = report(candidate, AllowedMedia.JPEG).video().orElseThrow(() ->
              new MediaProcessingException(Reason.FAILED, "ffmpeg wrote a poster ffprobe cannot read"));
          Files.move(candidate, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return poster;
        }
      } catch (IOException e) {
        deleteQuietly(candidate);
        throw new MediaProcessingException(Reason.FAILED, "cannot write the poster", e.toString(), e);
      } catch (MediaProcessingException e) {
        deleteQuietly(candidate);
        throw e;
      }
    }
    deleteQuietly(partial(out));
    throw new MediaProcessingException(Reason.EMPTY, "no frame of the recording could be decoded for a poster");
  }

  /**
   * One pass over the video: {@code fps} keeps one frame per interval (at least {@link
   * #STORYBOARD_MIN_INTERVAL_SECONDS}, longer for a long recording so there are at most {@link
   * #STORYBOARD_TILES}), {@code scale} makes it {@link #STORYBOARD_TILE_WIDTH} wide and {@code
   * tile} lays them out {@link #STORYBOARD_COLUMNS} to a row in one JPEG. The cues are written from
   * the sprite's probed size, so they never point outside it.
   */
  @Override
  public void storyboard(Path original, ContentType contentType, MediaInfo info, Path sprite, Path track) {
    if (info.video().isEmpty()) {
      throw new MediaProcessingException(Reason.EMPTY, "the recording has no video to make a storyboard from");
    }
    double seconds = info.duration().toNanos() / 1e9;
    double interval = storyboardInterval(seconds);
    int tiles = Math.max(1, (int) Math.ceil(seconds / interval - 1e-9));
    int columns = Math.min(STORYBOARD_COLUMNS, tiles);
    int rows = (tiles + columns - 1) / columns;
    List<String> command = new ArrayList<>(ffmpeg(original, AllowedMedia.of(contentType)));
    command.addAll(List.of("-map", "0:v:0", "-an", "-vf",
        String.format(java.util.Locale.ROOT, "fps=1/%.3f,scale=%d:-2,tile=%dx%d", interval, STORYBOARD_TILE_WIDTH,
            columns, rows),
        "-frames:v", "1", "-q:v", "5", "-c:v", "mjpeg", "-f", "image2", "-update", "1"));
    Path spritePartial = partial(sprite);
    Path trackPartial = partial(track);
    command.add("file:" + spritePartial);
    try {
      ToolRun.run(command, step(info, STORYBOARD_SECONDS_PER_SECOND), line -> { });
      if (!Files.exists(spritePartial) || Files.size(spritePartial) == 0) {
        throw new MediaProcessingException(Reason.EMPTY, "no frame of the recording could be decoded for a storyboard");
      }
      MediaInfo.VideoStream size = report(spritePartial, AllowedMedia.JPEG).video().orElseThrow(() ->
          new MediaProcessingException(Reason.FAILED, "ffmpeg wrote a storyboard ffprobe cannot read"));
      if (size.width() != columns * STORYBOARD_TILE_WIDTH || size.height() % rows != 0) {
        throw new MediaProcessingException(Reason.MISMATCH, "the storyboard is " + size.width() + "x" + size.height()
            + ", not " + columns + "x" + rows + " tiles " + STORYBOARD_TILE_WIDTH + " wide");
      }
      Files.writeString(trackPartial, storyboardTrack(seconds, interval, tiles, columns, size.height() / rows,
          sprite.getFileName().toString()));
      Files.move(spritePartial, sprite, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.move(trackPartial, track, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new MediaProcessingException(Reason.FAILED, "cannot write the storyboard", e.toString(), e);
    } finally {
      deleteQuietly(spritePartial);
      deleteQuietly(trackPartial);
    }
  }

  /** Seconds between storyboard frames: {@link #STORYBOARD_MIN_INTERVAL_SECONDS}, or more so the frames stay few. */
  static double storyboardInterval(double seconds) {
    return Math.max(STORYBOARD_MIN_INTERVAL_SECONDS, Math.ceil(seconds / STORYBOARD_TILES));
  }

  /** The WebVTT: cue {@code i} runs from {@code i × interval} to the next one (the last to the end) and shows tile {@code i}. */
  static String storyboardTrack(double seconds, double interval, int tiles, int columns, int tileHeight,
      String image) {
    StringBuilder vtt = new StringBuilder("WEBVTT\n");
    for (int i = 0; i < tiles; i++) {
      double start = i * interval;
      double end = i == tiles - 1 ? Math.max(seconds, start + 0.001) : (i + 1) * interval;
      vtt.append('\n').append(cueTime(start)).append(" --> ").append(cueTime(end)).append('\n')
          .append(image).append("#xywh=").append((i % columns) * STORYBOARD_TILE_WIDTH).append(',')
          .append((i / columns) * tileHeight).append(',').append(STORYBOARD_TILE_WIDTH).append(',')
          .append(tileHeight).append('\n');
    }
    return vtt.toString();
  }

  private static String cueTime(double seconds) {
    long millis = Math.round(seconds * 1000);
    return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
        millis / 1000 % 60, millis % 1000);
  }

  /** ffprobe's view of {@code file} read as {@code allowed} says; never trusted beyond that. */
  private ProbeReport report(Path file, AllowedMedia allowed) {
    StringBuilder json = new StringBuilder();
    List<String> command = new ArrayList<>(List.of(settings.ffprobe().toString(), "-v", "error", "-show_format",
        "-show_streams", "-of", "json"));
    command.addAll(allowed.input(file));
    try {
      ToolRun.run(command, settings.timeout(), line -> {
        if (json.length() < MAX_PROBE_JSON) {
          json.append(line).append('\n');
        }
      });
    } catch (MediaProcessingException e) {
      if (e.reason() != Reason.FAILED) {
        throw e;
      }
      String said = e.detail().orElse("");
      Matcher refused = REFUSED_CODEC.matcher(said);
      if (refused.find()) {
        throw new MediaProcessingException(Reason.UNSUPPORTED, allowed.mediaType() + " does not allow "
            + refused.group(1), said, e);
      }
      // MediaRecorder stopped before its first frame writes a header and no cluster: ffprobe
      // reads to the end and finds nothing, which is an empty recording, not a foreign file.
      if (said.contains("End of file") || said.contains("File ended prematurely")) {
        throw new MediaProcessingException(Reason.EMPTY, "the recording ends before its first frame (0 seconds)",
            said, e);
      }
      throw new MediaProcessingException(Reason.NOT_MEDIA, "the file is not " + allowed.article() + " ("
          + allowed.mediaType() + ")", said, e);
    }
    return ProbeReport.parse(json.toString());
  }

  /**
   * How long the packets run, from the first packet's start to the last one's end, read as {@code
   * allowed} says; the listing stops as soon as a packet ends past {@code longest}: {@code TOO_LONG}.
   */
  private double packetSeconds(Path file, AllowedMedia allowed, Duration longest) {
    double limit = longest.toNanos() / 1e9;
    double[] span = {Double.POSITIVE_INFINITY, 0};
    List<String> command = new ArrayList<>(List.of(settings.ffprobe().toString(), "-v", "error", "-show_entries",
        "packet=pts_time,duration_time", "-of", "csv=p=0"));
    command.addAll(allowed.input(file));
    ToolRun.run(command, settings.timeout(), line -> {
      String[] fields = line.split(",");
      double pts = number(fields, 0);
      double duration = number(fields, 1);
      if (Double.isFinite(pts)) {
        span[0] = Math.min(span[0], pts);
        span[1] = Math.max(span[1], pts + (Double.isFinite(duration) ? Math.max(duration, 0) : 0));
        if (span[1] - span[0] > limit) {
          throw new MediaProcessingException(Reason.TOO_LONG, "the recording runs longer than "
              + readable(longest) + ", the longest processed here");
        }
      }
    });
    return Double.isFinite(span[0]) ? span[1] - span[0] : 0;
  }

  private double meanLuma(Path jpeg, Duration limit) {
    double[] luma = {-1};
    List<String> command = new ArrayList<>(List.of(settings.ffmpeg().toString(), "-nostdin", "-v", "error"));
    command.addAll(AllowedMedia.JPEG.input(jpeg));
    command.addAll(List.of("-vf", "signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG:file=-", "-f", "null",
        "-"));
    ToolRun.run(command, limit, line -> {
      int at = line.indexOf("lavfi.signalstats.YAVG=");
      if (at >= 0) {
        luma[0] = number(new String[] {line.substring(at + "lavfi.signalstats.YAVG=".length())}, 0);
      }
    });
    return luma[0];
  }

  private List<String> ffmpeg(Path input, AllowedMedia allowed) {
    List<String> command = new ArrayList<>(List.of(settings.ffmpeg().toString(), "-nostdin", "-v", "error", "-y"));
    command.addAll(allowed.input(input));
    return command;
  }

  /** The streams a step copies or encodes: the one video and the one audio stream probing found, nothing else. */
  private static List<String> streams(MediaInfo info) {
    List<String> maps = new ArrayList<>();
    info.video().ifPresent(v -> maps.addAll(List.of("-map", "0:v:0")));
    info.audio().ifPresent(a -> maps.addAll(List.of("-map", "0:a:0")));
    return maps;
  }

  private static Set<String> codecs(MediaInfo info) {
    Set<String> codecs = new HashSet<>();
    info.video().ifPresent(v -> codecs.add(v.codec()));
    info.audio().ifPresent(a -> codecs.add(a.codec()));
    return codecs;
  }

  /**
   * The probe of a file a step wrote: what {@code allowed} lets it hold, with a duration in its
   * header that agrees with the packets of its input ({@code expected}), so what players read
   * from the header is the truth.
   */
  private MediaInfo written(Path file, AllowedMedia allowed, MediaInfo expected, String step) {
    ProbeReport report = report(file, allowed);
    allowed.check(report);
    OptionalDouble header = report.containerSeconds();
    if (header.isEmpty()) {
      throw new MediaProcessingException(Reason.MISMATCH, "the " + step + " wrote no duration in its header");
    }
    MediaInfo after = report.withDuration(header.getAsDouble());
    requireDuration(expected, after, step);
    return after;
  }

  /** Runs {@code command} into {@code out}'s partial file, checks it, then renames it into place. */
  private MediaInfo produce(List<String> command, Path out, Duration limit, Supplier<MediaInfo> check) {
    Path partial = partial(out);
    List<String> full = new ArrayList<>(command);
    full.add("file:" + partial);
    try {
      ToolRun.run(full, limit, line -> { });
      MediaInfo result = check.get();
      Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return result;
    } catch (IOException e) {
      throw new MediaProcessingException(Reason.FAILED, "cannot write " + out.getFileName(), e.toString(), e);
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

  /** {@code 12 h}, {@code 90 min}, {@code 45 s}: a limit as a person reads it. */
  static String readable(Duration limit) {
    if (limit.toSeconds() % 3600 == 0) {
      return limit.toHours() + " h";
    }
    return limit.toSeconds() % 60 == 0 ? limit.toMinutes() + " min" : limit.toSeconds() + " s";
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

package io.chatvideo.recording.bench;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.ffmpeg.FfmpegMediaProcessor;
import io.chatvideo.recording.ffmpeg.FfmpegSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * bench/processing-speed.sh's runner: the product's remux and MP4 steps
 * ({@link FfmpegMediaProcessor#remuxSeekable}, {@link FfmpegMediaProcessor#transcodeMp4}, each with
 * the probes that check its result) against bare ffmpeg running the same command line on the same
 * file, alternating (bare, product, product, bare, …) so a change in the machine's load falls on
 * both. Prints one line per run: {@code step variant seconds}.
 *
 * <p>Usage: {@code ProcessingSpeed RECORDING.webm WORK_DIR REMUX_RUNS TRANSCODE_RUNS}
 */
public final class ProcessingSpeed {

  private ProcessingSpeed() {}

  public static void main(String[] args) throws Exception {
    Path recording = Path.of(args[0]);
    Path work = Files.createDirectories(Path.of(args[1]));
    int remuxRuns = Integer.parseInt(args[2]);
    int transcodeRuns = Integer.parseInt(args[3]);
    FfmpegSettings settings = FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow(() ->
        new IllegalStateException("ffmpeg with ffprobe beside it is not on PATH"));
    FfmpegMediaProcessor engine = new FfmpegMediaProcessor(settings);
    ContentType webm = ContentType.parse("video/webm");

    double probe = seconds(() -> engine.probe(recording, webm, ProcessingPolicy.DEFAULT_MAX_DURATION));
    MediaInfo info = engine.probe(recording, webm, ProcessingPolicy.DEFAULT_MAX_DURATION);
    System.out.printf(Locale.ROOT, "media %.3f%n", info.duration().toMillis() / 1000.0);
    System.out.printf(Locale.ROOT, "probe product %.3f%n", probe);

    Path seekable = work.resolve("seekable.webm");
    for (int run = 0; run < remuxRuns; run++) {
      boolean bareFirst = run % 2 == 0;
      for (boolean bare : new boolean[] {bareFirst, !bareFirst}) {
        double took = bare
            ? seconds(() -> ffmpeg(settings, recording, List.of("-map", "0", "-c", "copy", "-f", "webm"),
                work.resolve("bare-seekable.webm")))
            : seconds(() -> engine.remuxSeekable(recording, info, webm, seekable));
        System.out.printf(Locale.ROOT, "remux %s %.3f%n", bare ? "bare" : "product", took);
      }
    }

    // The service transcodes the seekable copy, as here.
    MediaInfo seekableInfo = engine.probe(seekable, webm, ProcessingPolicy.DEFAULT_MAX_DURATION);
    for (int run = 0; run < transcodeRuns; run++) {
      boolean bareFirst = run % 2 == 0;
      for (boolean bare : new boolean[] {bareFirst, !bareFirst}) {
        double took = bare
            ? seconds(() -> ffmpeg(settings, seekable, List.of("-map", "0:v:0", "-c:v", "libx264", "-preset",
                "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2",
                "-fps_mode", "vfr", "-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart",
                "-f", "mp4"), work.resolve("bare-rendition.mp4")))
            : seconds(() -> engine.transcodeMp4(seekable, webm, seekableInfo, work.resolve("rendition.mp4")));
        System.out.printf(Locale.ROOT, "transcode %s %.3f%n", bare ? "bare" : "product", took);
      }
    }
  }

  /** FfmpegMediaProcessor's command line for a step: the same program, input flags and output options. */
  private static Void ffmpeg(FfmpegSettings settings, Path input, List<String> options, Path out)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(settings.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
        "-i", input.toString()));
    command.addAll(options);
    command.add(out.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + said);
    }
    return null;
  }

  private static double seconds(Callable<?> step) throws Exception {
    long start = System.nanoTime();
    step.call();
    return (System.nanoTime() - start) / 1e9;
  }
}

package io.chatvideo.recording.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The media side of the salvage tests on both backends: a call recorded as a browser writes it,
 * where the bytes that reached the server end, and the tools that check what the server made.
 */
public final class CutShortCall {

  private CutShortCall() {}

  /**
   * VP8 and Opus in a live WebM (no Duration, no Cues) of {@code seconds}, noisy enough that a few
   * seconds fill several parts; written to {@code file} and returned.
   */
  public static byte[] record(Path file, int seconds) throws IOException {
    String log = run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
        "testsrc=size=320x240:rate=30:duration=" + seconds, "-f", "lavfi", "-i",
        "sine=frequency=440:sample_rate=48000:duration=" + seconds, "-vf", "noise=alls=80:allf=t", "-c:v", "libvpx",
        "-deadline", "realtime", "-cpu-used", "8", "-qmin", "4", "-qmax", "10", "-b:v", "20M", "-c:a", "libopus",
        "-live", "1", "-f", "webm", file.toString());
    assertThat(log).as("ffmpeg making the test recording").isBlank();
    return Files.readAllBytes(file);
  }

  /** Where the last whole video packet of {@code file} ends, in seconds. */
  public static double lastVideoPacketSeconds(Path file) {
    List<String> packets = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
        "packet=pts_time,duration_time", "-of", "csv=p=0", file.toString()).strip().lines()
        .filter(line -> line.matches("[0-9.]+,[0-9.]+")).toList();
    assertThat(packets).as("video packets in the parts sent").isNotEmpty();
    String[] last = packets.get(packets.size() - 1).split(",");
    return Double.parseDouble(last[0]) + Double.parseDouble(last[1]);
  }

  /** Runs a tool (ffmpeg, ffprobe) for at most two minutes; its output and errors together. */
  public static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in two minutes");
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package io.chatvideo.recording.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A WebM call with one party per channel, as the recorder makes it: a gray picture, a flite voice
 * on the left (the local party) from {@code localAt}, another on the right (the remote party)
 * {@code gapMs} after the local one ends, and a second of quiet at the end. The times are known,
 * so tests can check what the engines find against them.
 */
public record TwoVoiceCall(byte[] bytes, long localAt, long localMs, long remoteAt, long remoteMs) {

  public static TwoVoiceCall make(Path dir, String localVoice, String localText, String remoteVoice,
      String remoteText, long gapMs) throws IOException {
    Path local = voice(dir, localVoice, localText);
    Path remote = voice(dir, remoteVoice, remoteText);
    long localMs = Math.round(seconds(local) * 1000);
    long remoteMs = Math.round(seconds(remote) * 1000);
    long localAt = 500;
    long remoteAt = localAt + localMs + gapMs;
    double total = (remoteAt + remoteMs) / 1000.0 + 1;
    Path call = dir.resolve("call.webm");
    run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:size=160x120:rate=10:duration=" + total,
        "-i", local.toString(), "-i", remote.toString(), "-filter_complex",
        "[1:a]adelay=" + localAt + ",apad,atrim=0:" + total + "[l];[2:a]adelay=" + remoteAt + ",apad,atrim=0:" + total
            + "[r];[l][r]join=inputs=2:channel_layout=stereo[a]",
        "-map", "0:v", "-map", "[a]", "-c:v", "libvpx", "-b:v", "100k", "-c:a", "libopus", "-f", "webm",
        call.toString());
    return new TwoVoiceCall(Files.readAllBytes(call), localAt, localMs, remoteAt, remoteMs);
  }

  private static Path voice(Path dir, String voice, String text) {
    Path wav = dir.resolve(voice + ".wav");
    run("flite", "-voice", voice, "-t", text, "-o", wav.toString());
    return wav;
  }

  private static double seconds(Path file) {
    return Double.parseDouble(run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
        file.toString()).strip());
  }

  /** Runs a tool for at most two minutes; fails the test when it fails (bin/test installs ffmpeg and flite). */
  public static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished", command[0]).isTrue();
      assertThat(process.exitValue()).as("%s (bin/test installs ffmpeg and flite): %s", command[0], out).isZero();
      return out;
    } catch (IOException e) {
      throw new AssertionError(command[0] + " cannot run (bin/test installs ffmpeg and flite)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

package io.chatvideo.recording.openai;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test speech whose words are known: Debian's {@code flite} says a sentence in a voice ({@code rms},
 * {@code awb}, {@code kal16} come back word-perfect from PocketSphinx), and ffmpeg makes it what a
 * {@code Transcriber} hears: 16 kHz 16-bit mono WAV.
 */
public final class Speech {

  private Speech() {
  }

  /** {@code text} in {@code voice} as 16 kHz mono WAV at {@code out}. */
  public static Path say(String voice, String text, Path out) throws IOException {
    Path raw = out.resolveSibling(out.getFileName() + ".flite.wav");
    run(List.of("flite", "-voice", voice, "-t", text, "-o", raw.toString()));
    run(List.of("ffmpeg", "-nostdin", "-y", "-loglevel", "error", "-i", raw.toString(), "-ac", "1", "-ar", "16000",
        "-c:a", "pcm_s16le", out.toString()));
    Files.delete(raw);
    return out;
  }

  /** The WAVs one after another with {@code gapSeconds} of silence between, as 16 kHz mono WAV. */
  public static Path withGaps(List<Path> parts, double gapSeconds, Path out) throws IOException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-loglevel", "error"));
    StringBuilder graph = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      command.addAll(List.of("-i", parts.get(i).toString()));
      graph.append('[').append(i).append(":a]").append(i < parts.size() - 1 ? "apad=pad_dur=" + gapSeconds : "anull")
          .append("[p").append(i).append("];");
    }
    for (int i = 0; i < parts.size(); i++) {
      graph.append("[p").append(i).append(']');
    }
    graph.append("concat=n=").append(parts.size()).append(":v=0:a=1[out]");
    command.addAll(List.of("-filter_complex", graph.toString(), "-map", "[out]", "-ac", "1", "-ar", "16000", "-c:a",
        "pcm_s16le", out.toString()));
    run(command);
    return out;
  }

  public static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}

package io.chatvideo.recording.openai.bench;

import io.chatvideo.recording.core.port.out.Transcriber;
import io.chatvideo.recording.ffmpeg.FfmpegSettings;
import io.chatvideo.recording.ffmpeg.FfmpegTranscriber;
import io.chatvideo.recording.openai.OpenAiSettings;
import io.chatvideo.recording.openai.OpenAiTranscriber;
import io.chatvideo.recording.openai.TranscriptionServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The engines the benchmark can run, by name. {@code openai} needs a server given by the operator
 * ({@code --openai-url}, {@code OPENAI_API_KEY} for its key); {@code openai-asr} is the same engine
 * against this module's test server, which transcribes with PocketSphinx through ffmpeg's {@code
 * asr} filter (what the embedded engine runs); {@code embedded} is the core's PocketSphinx engine.
 */
final class Engines {

  /** An engine ready to run, and what to close after it; empty with a line saying why it cannot run here. */
  record Opened(Optional<Transcriber> engine, String note, List<AutoCloseable> owned) {
  }

  private Engines() {
  }

  static Opened open(String name, Optional<String> openAiUrl, Optional<String> key, String model) throws IOException {
    return switch (name) {
      case "openai" -> openAiUrl.isEmpty()
          ? new Opened(Optional.empty(), "openai: skipped, no server given (--openai-url URL; key from OPENAI_API_KEY)",
              List.of())
          : openAi(OpenAiSettings.of(openAiUrl.get(), key, model, Duration.ofMinutes(10), true), "openai at "
              + openAiUrl.get(), List.of());
      case "openai-asr" -> {
        TranscriptionServer server = TranscriptionServer.asr();
        yield openAi(OpenAiSettings.of(server.url(), Optional.empty(), "pocketsphinx", Duration.ofMinutes(30), true),
            "openai-asr: the openai engine against a loopback server running ffmpeg's asr (PocketSphinx)",
            List.of(server));
      }
      case "embedded" -> new Opened(Optional.of(FfmpegTranscriber.on(FfmpegSettings.find(Path.of("ffmpeg"))
          .orElseThrow(() -> new IllegalStateException("ffmpeg is not on PATH")))),
          "embedded: PocketSphinx through ffmpeg's asr filter, in process", List.of());
      default -> throw new IllegalArgumentException("an engine is openai, openai-asr or embedded, not " + name);
    };
  }

  private static Opened openAi(OpenAiSettings settings, String note, List<AutoCloseable> owned) {
    OpenAiTranscriber engine = OpenAiTranscriber.create(settings);
    List<AutoCloseable> all = new java.util.ArrayList<>(owned);
    all.add(engine);
    return new Opened(Optional.of(engine), note, all);
  }
}

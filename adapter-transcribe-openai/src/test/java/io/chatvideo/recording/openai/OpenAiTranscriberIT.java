package io.chatvideo.recording.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.SpokenText;
import io.chatvideo.recording.core.domain.TranscriptionException;
import io.chatvideo.recording.core.domain.TranscriptionException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code openai} engine against a server on 127.0.0.1 that speaks the same protocol: one that
 * really transcribes (PocketSphinx through ffmpeg's {@code asr} filter, on flite's speech), and
 * ones that fail each way a server can.
 */
class OpenAiTranscriberIT {

  private static final String KEY = "sk-test-9f8e7d6c5b4a";
  private static final String FIRST = "the quick brown fox jumped over the lazy dog";
  private static final String SECOND = "we will meet at the station tomorrow morning";

  @TempDir
  static Path dir;
  private static Path sentence;
  private static Path twoSentences;

  @BeforeAll
  static void speech() throws IOException {
    sentence = Speech.say("rms", FIRST, dir.resolve("first.wav"));
    Path second = Speech.say("awb", SECOND, dir.resolve("second.wav"));
    twoSentences = Speech.withGaps(List.of(sentence, second), 3, dir.resolve("two.wav"));
  }

  @Test
  void aServerThatTranscribesGivesBackWhatWasSaidWithTheFormOpenAiDefines() throws IOException {
    try (TranscriptionServer server = TranscriptionServer.asr();
        OpenAiTranscriber engine = OpenAiTranscriber.create(settings(server.url(), Optional.of(KEY)))) {
      List<SpokenText> heard = engine.transcribe(sentence, Duration.ofSeconds(4), Locale.ENGLISH);

      assertThat(text(heard)).isEqualTo(FIRST);
      assertThat(heard.get(0).startMs()).isGreaterThanOrEqualTo(0);
      assertThat(heard.get(heard.size() - 1).endMs()).isBetween(1000L, 6000L);
      TranscriptionServer.Request request = server.requests().get(0);
      assertThat(request.fields()).containsEntry("model", "whisper-1").containsEntry("language", "en")
          .containsEntry("response_format", "verbose_json").containsEntry("timestamp_granularities[]", "segment");
      assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
      assertThat(request.fileBytes()).isGreaterThan(40_000);
      assertThat(engine.describe()).contains("openai at " + server.url() + "/v1/audio/transcriptions")
          .doesNotContain(KEY);
    }
  }

  @Test
  void longAudioGoesInPiecesCutInASilenceAndTheTimesOfTheSecondAreMovedBack() throws IOException {
    try (TranscriptionServer server = TranscriptionServer.asr();
        OpenAiTranscriber engine = new OpenAiTranscriber(settings(server.url(), Optional.empty()),
            Duration.ofSeconds(6))) {
      List<SpokenText> heard = engine.transcribe(twoSentences, Duration.ofSeconds(10), Locale.ENGLISH);

      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(0).authorization()).isNull();
      assertThat(text(heard)).isEqualTo(FIRST + " " + SECOND);
      SpokenText last = heard.get(heard.size() - 1);
      assertThat(last.text()).contains("tomorrow morning");
      assertThat(last.startMs()).as("the second piece's times count from the start of the call")
          .isGreaterThanOrEqualTo(4500);
    }
  }

  @Test
  void aServerThatIsNotThereIsEngineDown() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    try (OpenAiTranscriber engine = OpenAiTranscriber.create(settings("http://127.0.0.1:" + closed,
        Optional.empty()))) {
      TranscriptionException e = failure(engine);
      assertThat(e.reason()).isEqualTo(Reason.ENGINE_DOWN);
      assertThat(e.reason().retryable()).isTrue();
      assertThat(e.getMessage()).isEqualTo("the transcription server cannot be reached");
    }
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsTimedOut() throws IOException {
    CountDownLatch released = new CountDownLatch(1);
    try (TranscriptionServer server = TranscriptionServer.answering((exchange, file, fields) -> {
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }); OpenAiTranscriber engine = OpenAiTranscriber.create(OpenAiSettings.of(server.url(), Optional.empty(),
        "whisper-1", Duration.ofMillis(1500), true))) {
      long started = System.nanoTime();
      TranscriptionException e = failure(engine);
      assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT);
      assertThat(e.getMessage()).isEqualTo("the transcription server did not answer within 1 s");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    } finally {
      released.countDown();
    }
  }

  @Test
  void anAnswerWithoutEndPastTheBoundIsDroppedUnread() throws IOException {
    try (TranscriptionServer server = TranscriptionServer.answering((exchange, file, fields) -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse up front
      OutputStream out = exchange.getResponseBody();
      byte[] filler = "{\"text\":\"".concat("a".repeat(8182)).getBytes(StandardCharsets.UTF_8);
      try {
        for (int i = 0; i < 100_000; i++) { // 800 MB if the engine kept reading
          out.write(filler);
        }
      } catch (IOException dropped) {
        // The engine hung up, as it should.
      }
    }); OpenAiTranscriber engine = OpenAiTranscriber.create(settings(server.url(), Optional.empty())
        .withMaxAnswerBytes(64 * 1024))) {
      TranscriptionException e = failure(engine);
      assertThat(e.reason()).isEqualTo(Reason.ANSWER_TOO_LARGE);
      assertThat(e.reason().retryable()).isFalse();
    }
  }

  @Test
  void anAnswerThatDeclaresTooManyBytesIsRefusedBeforeReading() throws IOException {
    try (TranscriptionServer server = TranscriptionServer.answering((exchange, file, fields) ->
        TranscriptionServer.send(exchange, 200, "application/json", "{\"text\":\"" + "a".repeat(70_000) + "\"}"));
        OpenAiTranscriber engine = OpenAiTranscriber.create(settings(server.url(), Optional.empty())
            .withMaxAnswerBytes(64 * 1024))) {
      assertThat(failure(engine).reason()).isEqualTo(Reason.ANSWER_TOO_LARGE);
    }
  }

  @Test
  void anAnswerThatIsNotJsonIsABadAnswer() throws IOException {
    try (TranscriptionServer server = TranscriptionServer.answering((exchange, file, fields) ->
        TranscriptionServer.send(exchange, 200, "text/html", "<html>Welcome to nginx!</html>"));
        OpenAiTranscriber engine = OpenAiTranscriber.create(settings(server.url(), Optional.empty()))) {
      TranscriptionException e = failure(engine);
      assertThat(e.reason()).isEqualTo(Reason.BAD_ANSWER);
      assertThat(e.detail()).hasValueSatisfying(detail -> assertThat(detail).contains("not JSON"));
    }
  }

  @Test
  void aRefusedKeyIsSaidPlainlyNotRetriedAndNeverEchoed() throws IOException {
    try (TranscriptionServer server = TranscriptionServer.answering((exchange, file, fields) ->
        TranscriptionServer.send(exchange, 401, "application/json", "{\"error\":{\"message\":\"Incorrect API key "
            + "provided: " + exchange.getRequestHeaders().getFirst("Authorization") + "\"}}"));
        OpenAiTranscriber engine = OpenAiTranscriber.create(settings(server.url(), Optional.of(KEY)))) {
      TranscriptionException e = failure(engine);
      assertThat(e.reason()).isEqualTo(Reason.ENGINE_REFUSED);
      assertThat(e.reason().retryable()).isFalse();
      assertThat(e.getMessage()).isEqualTo(
          "the transcription server refused the key (HTTP 401); check recording.transcripts.openai.key");
      assertThat(e.detail()).hasValueSatisfying(detail -> assertThat(detail).contains("Incorrect API key")
          .doesNotContain(KEY));
    }
  }

  @Test
  void aLanguageTheServerRefusesIsLanguageUnsupported() throws IOException {
    try (TranscriptionServer server = TranscriptionServer.answering((exchange, file, fields) ->
        TranscriptionServer.send(exchange, 400, "application/json", "{\"error\":{\"message\":\"Language '"
            + fields.get("language") + "' is not supported\",\"type\":\"invalid_request_error\",\"param\":"
            + "\"language\"}}"));
        OpenAiTranscriber engine = OpenAiTranscriber.create(settings(server.url(), Optional.empty()))) {
      TranscriptionException e = catchThrowableOfType(
          () -> engine.transcribe(sentence, Duration.ofSeconds(4), Locale.forLanguageTag("kl")),
          TranscriptionException.class);
      assertThat(e.reason()).isEqualTo(Reason.LANGUAGE_UNSUPPORTED);
      assertThat(e.getMessage()).isEqualTo("the transcription server does not take the language 'kl'");
      assertThat(server.requests().get(0).fields()).containsEntry("language", "kl");
    }
  }

  @Test
  void theCloudMetadataAddressIsRefusedBeforeAnyConnection() throws IOException {
    try (OpenAiTranscriber engine = OpenAiTranscriber.create(OpenAiSettings.of("https://169.254.169.254",
        Optional.of(KEY), "whisper-1", Duration.ofSeconds(30), true))) {
      long started = System.nanoTime();
      TranscriptionException e = failure(engine);
      assertThat(e.reason()).isEqualTo(Reason.ENGINE_DOWN);
      assertThat(e.getMessage()).isEqualTo("the transcription server's address is refused");
      assertThat(e.detail()).hasValue("169.254.169.254 resolves to 169.254.169.254, a link-local address");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no connection was tried")
          .isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aNameThatResolvesToLoopbackIsRefusedAtConnectWithoutTheOptIn() throws IOException {
    try (TranscriptionServer server = TranscriptionServer.asr();
        OpenAiTranscriber engine = OpenAiTranscriber.create(OpenAiSettings.of(
            server.url().replace("http://127.0.0.1", "https://localhost"), Optional.empty(), "whisper-1",
            Duration.ofSeconds(30), false))) {
      TranscriptionException e = failure(engine);
      assertThat(e.reason()).isEqualTo(Reason.ENGINE_DOWN);
      assertThat(e.detail()).hasValueSatisfying(detail -> assertThat(detail)
          .contains("a loopback address (allowed only with recording.transcripts.openai.allow-loopback=true)"));
      assertThat(server.requests()).as("nothing reached the server").isEmpty();
    }
  }

  @Test
  void privateAndPlainHttpAddressesAreRefusedAsSettings() {
    assertThatThrownBy(() -> OpenAiSettings.of("http://10.0.0.1:8000", Optional.empty(), "whisper-1",
        Duration.ofSeconds(30), true))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
            .isEqualTo("recording.transcripts.openai.url"))
        .hasMessageContaining("a transcription server URL is https: http://10.0.0.1:8000");
    assertThatThrownBy(() -> OpenAiSettings.of("http://127.0.0.1:8000", Optional.empty(), "whisper-1",
        Duration.ofSeconds(30), false))
        .hasMessageContaining("plain http to loopback needs recording.transcripts.openai.allow-loopback=true");
  }

  private static TranscriptionException failure(OpenAiTranscriber engine) {
    return catchThrowableOfType(() -> engine.transcribe(sentence, Duration.ofSeconds(4), Locale.ENGLISH),
        TranscriptionException.class);
  }

  /** Five minutes: PocketSphinx behind the test server takes about a fifth of real time, far more on a loaded machine. */
  private static OpenAiSettings settings(String url, Optional<String> key) {
    return OpenAiSettings.of(url, key, "whisper-1", Duration.ofMinutes(5), true);
  }

  private static String text(List<SpokenText> heard) {
    return heard.stream().map(SpokenText::text).collect(Collectors.joining(" "));
  }
}

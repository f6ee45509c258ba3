package io.chatvideo.recording.openai;

import io.chatvideo.recording.core.domain.SpokenText;
import io.chatvideo.recording.core.domain.TranscriptionException;
import io.chatvideo.recording.core.domain.TranscriptionException.Reason;
import io.chatvideo.recording.core.port.out.Transcriber;
import io.chatvideo.recording.outbound.GuardedHttpClient;
import io.chatvideo.recording.outbound.RefusedAddressException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.http.HttpEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.mime.MultipartEntityBuilder;
import org.apache.http.impl.client.CloseableHttpClient;

/**
 * The {@code openai} engine: posts one party's audio to {@code {url}/v1/audio/transcriptions}
 * (multipart: {@code file}, {@code model}, {@code language} as ISO-639-1, {@code
 * response_format=verbose_json}, {@code timestamp_granularities[]=segment}) on any server that
 * speaks OpenAI's transcription API: whisper.cpp's server, faster-whisper servers, LocalAI, OpenAI.
 * Audio longer than {@link #LONGEST_PIECE} goes in pieces cut at a quiet moment, their times moved
 * back into place. Connections go through the webhooks' SSRF guard. Every failure is a {@link
 * TranscriptionException} whose message names no address and never the key.
 *
 * <pre>{@code
 * try (OpenAiTranscriber engine = OpenAiTranscriber.create(settings)) {
 *   List<SpokenText> said = engine.transcribe(localWav, Duration.ofMinutes(3), Locale.ENGLISH);
 * }
 * }</pre>
 */
public final class OpenAiTranscriber implements Transcriber, AutoCloseable {

  /** Ten minutes of 16 kHz 16-bit mono: about 19 MB, under the 25 MB OpenAI takes in one upload. */
  public static final Duration LONGEST_PIECE = Duration.ofMinutes(10);
  private static final int ERROR_BYTES_READ = 16 * 1024;

  private final OpenAiSettings settings;
  private final Duration longestPiece;
  private final URI endpoint;
  private final CloseableHttpClient client;
  private final ScheduledExecutorService deadlines;

  OpenAiTranscriber(OpenAiSettings settings, Duration longestPiece) {
    this.settings = settings;
    this.longestPiece = longestPiece;
    this.endpoint = endpoint(settings.url().uri());
    this.client = GuardedHttpClient.create(settings.timeout(), settings.allowLoopback(),
        OpenAiSettings.LOOPBACK_SETTING, "call-recordings-transcripts/1");
    this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "transcription-deadlines");
      thread.setDaemon(true);
      return thread;
    });
  }

  public static OpenAiTranscriber create(OpenAiSettings settings) {
    return new OpenAiTranscriber(settings, LONGEST_PIECE);
  }

  @Override
  public String name() {
    return "openai";
  }

  /** The engine and where it sends, for the start-up banner: never the key. */
  public String describe() {
    return "openai at " + endpoint + ", model " + settings.model() + (settings.key().isPresent() ? ", with a key" : "");
  }

  @Override
  public List<SpokenText> transcribe(Path monoWav, Duration length, Locale language) {
    String iso = isoLanguage(language);
    Path work;
    try {
      work = Files.createTempDirectory("transcribe-openai-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a working folder for audio pieces", e);
    }
    try {
      List<SpokenText> heard = new ArrayList<>();
      for (AudioChunks.Chunk chunk : AudioChunks.split(monoWav, longestPiece, work)) {
        heard.addAll(TranscriptionAnswer.read(post(chunk.file(), iso), chunk.offsetMs(), chunk.lengthMs()));
      }
      return List.copyOf(heard);
    } finally {
      delete(work);
    }
  }

  private byte[] post(Path wav, String iso) {
    HttpPost post = new HttpPost(endpoint);
    settings.key().ifPresent(key -> post.setHeader("Authorization", "Bearer " + key));
    MultipartEntityBuilder form = MultipartEntityBuilder.create()
        .addBinaryBody("file", wav.toFile(), ContentType.create("audio/wav"), "audio.wav")
        .addTextBody("model", settings.model())
        .addTextBody("response_format", "verbose_json")
        .addTextBody("timestamp_granularities[]", "segment");
    if (iso != null) {
      form.addTextBody("language", iso);
    }
    post.setEntity(form.build());
    // The socket timeout bounds each read; this bounds the whole exchange, against a server that trickles.
    ScheduledFuture<?> deadline = deadlines.schedule(post::abort, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    try (CloseableHttpResponse response = client.execute(post)) {
      int status = response.getStatusLine().getStatusCode();
      if (status >= 200 && status < 300) {
        return answer(response.getEntity(), post);
      }
      throw refusal(status, errorBody(response.getEntity(), post), iso);
    } catch (RefusedAddressException refused) {
      throw new TranscriptionException(Reason.ENGINE_DOWN, "the transcription server's address is refused",
          refused.getMessage(), refused);
    } catch (SocketTimeoutException | ConnectTimeoutException timedOut) {
      throw timedOut(timedOut);
    } catch (UnknownHostException | ConnectException | NoRouteToHostException down) {
      throw new TranscriptionException(Reason.ENGINE_DOWN, "the transcription server cannot be reached",
          endpoint + ": " + down, down);
    } catch (IOException e) {
      if (post.isAborted()) {
        throw timedOut(e);
      }
      throw new TranscriptionException(Reason.ENGINE_DOWN, "the transcription server broke off the exchange",
          endpoint + ": " + e, e);
    } finally {
      deadline.cancel(false);
    }
  }

  /** The answer, read up to the bound; past it, the connection is dropped rather than read to the end. */
  private byte[] answer(HttpEntity entity, HttpPost post) throws IOException {
    if (entity == null) {
      throw new TranscriptionException(Reason.BAD_ANSWER, "the transcription server's answer is not a transcript",
          "an empty answer", null);
    }
    if (entity.getContentLength() > settings.maxAnswerBytes()) {
      post.abort();
      throw tooLarge(entity.getContentLength() + " bytes declared");
    }
    try (InputStream body = entity.getContent()) {
      byte[] read = body.readNBytes(settings.maxAnswerBytes() + 1);
      if (read.length > settings.maxAnswerBytes()) {
        post.abort();
        throw tooLarge("more than " + settings.maxAnswerBytes() + " bytes");
      }
      return read;
    }
  }

  private static String errorBody(HttpEntity entity, HttpPost post) throws IOException {
    if (entity == null) {
      return "";
    }
    InputStream body = entity.getContent();
    byte[] read = body.readNBytes(ERROR_BYTES_READ);
    if (body.read() != -1) {
      post.abort();
    }
    return new String(read, StandardCharsets.UTF_8);
  }

  private TranscriptionException refusal(int status, String body, String iso) {
    String detail = redact(endpoint + " answered HTTP " + status + ": " + body);
    if (status == 401 || status == 403) {
      return new TranscriptionException(Reason.ENGINE_REFUSED, settings.key().isPresent()
          ? "the transcription server refused the key (HTTP " + status + "); check recording.transcripts.openai.key"
          : "the transcription server wants a key (HTTP " + status + "); set recording.transcripts.openai.key",
          detail, null);
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429
        && body.toLowerCase(Locale.ROOT).contains("language")) {
      return new TranscriptionException(Reason.LANGUAGE_UNSUPPORTED, "the transcription server does not take the "
          + "language '" + iso + "'", detail, null);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new TranscriptionException(Reason.ENGINE_DOWN, "the transcription server is unavailable (HTTP " + status
          + ")", detail, null);
    }
    return new TranscriptionException(Reason.ENGINE_REFUSED, "the transcription server refused the request (HTTP "
        + status + "); check recording.transcripts.openai.url and .model", detail, null);
  }

  private TranscriptionException timedOut(IOException cause) {
    return new TranscriptionException(Reason.TIMED_OUT, "the transcription server did not answer within "
        + settings.timeout().toSeconds() + " s", endpoint + ": " + cause, cause);
  }

  private TranscriptionException tooLarge(String what) {
    return new TranscriptionException(Reason.ANSWER_TOO_LARGE, "the transcription server's answer is larger than "
        + settings.maxAnswerBytes() + " bytes", endpoint + ": " + what, null);
  }

  /** What a server echoes of the request never carries the key into a log. */
  private String redact(String text) {
    return settings.key().map(key -> text.replace(key, "(the key)")).orElse(text);
  }

  /** The language as ISO-639-1, or null (the server detects it) for a locale without one. */
  private static String isoLanguage(Locale language) {
    String code = language.getLanguage();
    if (code.isEmpty()) {
      return null;
    }
    if (code.length() != 2) {
      throw new TranscriptionException(Reason.LANGUAGE_UNSUPPORTED, "the language '" + code
          + "' has no ISO-639-1 code, which the transcription API takes");
    }
    return code;
  }

  /** {@code {url}/v1/audio/transcriptions}; a base that already ends in {@code /v1} (as OpenAI's SDKs take it) too. */
  static URI endpoint(URI base) {
    String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    String full = path.endsWith("/v1") ? path + "/audio/transcriptions" : path + "/v1/audio/transcriptions";
    return base.resolve(full);
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException ignored) {
      // A temporary folder left behind is the system's to clear; the transcript is what matters here.
    }
  }

  @Override
  public void close() throws IOException {
    deadlines.shutdownNow();
    client.close();
  }
}

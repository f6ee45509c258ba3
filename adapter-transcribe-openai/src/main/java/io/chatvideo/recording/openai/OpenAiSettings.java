package io.chatvideo.recording.openai;

import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.OutboundUrlPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the {@code openai} engine sends audio. {@code url} is the server's base (the engine
 * posts to {@code {url}/v1/audio/transcriptions}) and passes the same outbound rules as a webhook
 * URL: https, or plain http to loopback only with {@code allowLoopback}. {@code key}, when set, is
 * sent as {@code Authorization: Bearer}; it is a secret, kept out of {@link #toString()} and every
 * message. {@code timeout} bounds one request from connect to the last byte of the answer; {@code
 * maxAnswerBytes} is how much of an answer is read before it is dropped.
 *
 * <pre>{@code
 * OpenAiSettings settings = OpenAiSettings.of("https://api.openai.com", Optional.of(key), "whisper-1",
 *     OpenAiSettings.DEFAULT_TIMEOUT, false);
 * }</pre>
 */
public record OpenAiSettings(HttpUrl url, Optional<String> key, String model, Duration timeout, int maxAnswerBytes,
    boolean allowLoopback) {

  public static final String URL_SETTING = "recording.transcripts.openai.url";
  public static final String LOOPBACK_SETTING = "recording.transcripts.openai.allow-loopback";
  public static final String DEFAULT_MODEL = "whisper-1";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
  /** A verbose answer for ten minutes of speech is tens of kilobytes; 8 MiB leaves room for word timings. */
  public static final int DEFAULT_MAX_ANSWER_BYTES = 8 << 20;

  public OpenAiSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(timeout, "timeout");
    policy(allowLoopback).check(url.toString());
    if (url.uri().getRawQuery() != null) {
      throw new IllegalArgumentException("a transcription server URL is a base without a query: " + url);
    }
    if (key.isPresent() && (key.get().isBlank() || key.get().chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
      throw new IllegalArgumentException("the key is printable ASCII without spaces");
    }
    if (model.isBlank() || model.length() > 200) {
      throw new IllegalArgumentException("the model is a name of 1 to 200 characters, not '" + model + "'");
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("a transcription timeout is more than 0 and at most 1 hour, not " + timeout);
    }
    if (maxAnswerBytes < 1024) {
      throw new IllegalArgumentException("an answer may hold at least 1024 bytes, not " + maxAnswerBytes);
    }
  }

  /**
   * Checks {@code url} as written (an {@link io.chatvideo.recording.core.domain.InvalidInputException}
   * naming {@value #URL_SETTING}) and keeps the default answer bound.
   */
  public static OpenAiSettings of(String url, Optional<String> key, String model, Duration timeout,
      boolean allowLoopback) {
    return new OpenAiSettings(policy(allowLoopback).check(url), key, model, timeout, DEFAULT_MAX_ANSWER_BYTES,
        allowLoopback);
  }

  public OpenAiSettings withMaxAnswerBytes(int bytes) {
    return new OpenAiSettings(url, key, model, timeout, bytes, allowLoopback);
  }

  private static OutboundUrlPolicy policy(boolean allowLoopback) {
    return new OutboundUrlPolicy(URL_SETTING, "a transcription server URL", LOOPBACK_SETTING, allowLoopback);
  }

  /** Everything but the key, which shows only as set or not. */
  @Override
  public String toString() {
    return "OpenAiSettings[url=" + url + ", key=" + (key.isPresent() ? "(set)" : "(none)") + ", model=" + model
        + ", timeout=" + timeout + ", maxAnswerBytes=" + maxAnswerBytes + ", allowLoopback=" + allowLoopback + "]";
  }
}

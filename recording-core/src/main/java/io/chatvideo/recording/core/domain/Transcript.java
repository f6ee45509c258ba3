package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was said in a recording, each cue labelled with its party (heard on that party's own
 * channel), or why there is none yet or none at all. {@code reason} is a fixed code: for {@code
 * FAILED} one of {@link #NO_AUDIO}, {@link #ENGINE_DOWN}, {@link #ENGINE_TIMEOUT}, {@link
 * #LANGUAGE_UNSUPPORTED}, {@link #ANSWER_TOO_LARGE}, {@link #BAD_ANSWER}; for {@code SKIPPED}
 * {@link #MIXED_AUDIO}, {@link #ONE_CHANNEL} or {@link #NOT_PROCESSED}. {@code engine} names who made it ({@code embedded},
 * {@code openai}).
 *
 * <pre>{@code
 * Transcript.ready("embedded", List.of(new TranscriptCue(Party.LOCAL, 500, 2900, "hello there")), now);
 * Transcript.failed("embedded", Transcript.ENGINE_DOWN, now);
 * }</pre>
 */
public record Transcript(TranscriptState state, Optional<String> reason, String engine, List<TranscriptCue> cues,
    Instant madeAt) {

  public static final String NO_AUDIO = "no_audio";
  public static final String ENGINE_DOWN = "engine_down";
  public static final String ENGINE_TIMEOUT = "engine_timeout";
  public static final String LANGUAGE_UNSUPPORTED = "language_unsupported";
  public static final String ANSWER_TOO_LARGE = "answer_too_large";
  public static final String BAD_ANSWER = "bad_answer";
  /** The engine refused the request itself (its key, model or address): an operator must change a setting. */
  public static final String ENGINE_REFUSED = "engine_refused";
  public static final String MIXED_AUDIO = "mixed_audio";
  public static final String ONE_CHANNEL = "one_channel";
  /** Processing failed: there is no ready recording to transcribe. */
  public static final String NOT_PROCESSED = "not_processed";

  /**
   * The most text one transcript keeps: about 4 hours of two people talking (150 words a minute
   * each, 6 characters a word), and within a DynamoDB item's 400 KB with the cues' times. An
   * engine that says more is {@link #ANSWER_TOO_LARGE}.
   */
  public static final int MAX_CHARS = 300_000;
  /** The most cues one transcript keeps (a phrase every 1.5 s for 4 hours). */
  public static final int MAX_CUES = 10_000;

  public Transcript {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(engine, "engine");
    cues = cues.stream().sorted(Comparator.comparingLong(TranscriptCue::startMs)
        .thenComparing(TranscriptCue::party)).toList();
    Objects.requireNonNull(madeAt, "madeAt");
    if (state == TranscriptState.OFF) {
      throw new IllegalArgumentException("a transcript that is off is not kept");
    }
    boolean explained = state == TranscriptState.FAILED || state == TranscriptState.SKIPPED;
    if (reason.isPresent() != explained) {
      throw new IllegalArgumentException("a reason goes with a failed or skipped transcript only, not " + state);
    }
    if (state != TranscriptState.READY && !cues.isEmpty()) {
      throw new IllegalArgumentException("only a ready transcript has cues");
    }
    if (!fits(cues)) {
      throw new IllegalArgumentException("a transcript keeps at most " + MAX_CUES + " cues and " + MAX_CHARS
          + " characters");
    }
  }

  public static Transcript ready(String engine, List<TranscriptCue> cues, Instant now) {
    return new Transcript(TranscriptState.READY, Optional.empty(), engine, cues, now);
  }

  public static Transcript failed(String engine, String reason, Instant now) {
    return new Transcript(TranscriptState.FAILED, Optional.of(reason), engine, List.of(), now);
  }

  public static Transcript skipped(String engine, String reason, Instant now) {
    return new Transcript(TranscriptState.SKIPPED, Optional.of(reason), engine, List.of(), now);
  }

  public static Transcript waiting(TranscriptState state, String engine, Instant now) {
    return new Transcript(state, Optional.empty(), engine, List.of(), now);
  }

  /** Whether {@code cues} are within {@link #MAX_CUES} and {@link #MAX_CHARS}. */
  public static boolean fits(List<TranscriptCue> cues) {
    return cues.size() <= MAX_CUES && cues.stream().mapToLong(c -> c.text().length()).sum() <= MAX_CHARS;
  }

  /** The fixed reason of a transcript that failed with {@code reason}. */
  public static String reasonOf(TranscriptionException.Reason reason) {
    return switch (reason) {
      case ENGINE_DOWN -> ENGINE_DOWN;
      case TIMED_OUT -> ENGINE_TIMEOUT;
      case LANGUAGE_UNSUPPORTED -> LANGUAGE_UNSUPPORTED;
      case ANSWER_TOO_LARGE -> ANSWER_TOO_LARGE;
      case BAD_ANSWER -> BAD_ANSWER;
      case ENGINE_REFUSED -> ENGINE_REFUSED;
    };
  }

  /** The cues as one text value for a store: a line per cue, {@code party start end text}, tab-separated. */
  public static String toText(List<TranscriptCue> cues) {
    StringBuilder text = new StringBuilder();
    for (TranscriptCue cue : cues) {
      text.append(cue.party().wireName()).append('\t').append(cue.startMs()).append('\t').append(cue.endMs())
          .append('\t').append(cue.text()).append('\n');
    }
    return text.toString();
  }

  /** The cues {@link #toText} wrote. */
  public static List<TranscriptCue> fromText(String text) {
    List<TranscriptCue> cues = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\t", 4);
      if (parts.length != 4) {
        throw new IllegalArgumentException("a stored cue has four tab-separated fields, not: " + line);
      }
      cues.add(new TranscriptCue(Party.fromWireName(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
          parts[3]));
    }
    return cues;
  }
}

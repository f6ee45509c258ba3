package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What processing made of a completed recording: its {@code state} since {@code since}, the
 * reason when it {@code failed}, and once {@code ready} the probed frame size, the MP4 rendition,
 * the poster and the storyboard's sprite (its WebVTT track lies at {@link
 * ObjectKey#storyboardTrack()}; absent when the storyboard could not be made, which fails nothing). The original's probed duration, size and checksum live on the recording.
 *
 * <pre>{@code
 * Processing.queued(now).running(later).ready(done, OptionalInt.of(1280), OptionalInt.of(720), mp4, poster);
 * }</pre>
 */
public record Processing(
    ProcessingState state, Instant since, Optional<String> failure, OptionalInt width, OptionalInt height,
    Optional<Rendition> mp4, Optional<Rendition> thumbnail, Optional<Rendition> storyboard) {

  /** Failure reasons are shown to people and kept in stores: bounded, one line. */
  public static final int MAX_FAILURE_LENGTH = 500;

  public Processing {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(width, "width");
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(mp4, "mp4");
    Objects.requireNonNull(thumbnail, "thumbnail");
    Objects.requireNonNull(storyboard, "storyboard");
    if (failure.isPresent() != (state == ProcessingState.FAILED)) {
      throw new IllegalArgumentException("a failure reason goes with the failed state only, not " + state);
    }
    failure = failure.map(Processing::oneLine);
  }

  public static Processing queued(Instant now) {
    return bare(ProcessingState.QUEUED, now);
  }

  public static Processing off(Instant now) {
    return bare(ProcessingState.OFF, now);
  }

  /** A worker took the job; what an earlier run made is kept until the new run replaces it. */
  public Processing running(Instant now) {
    return new Processing(ProcessingState.RUNNING, now, Optional.empty(), width, height, mp4, thumbnail, storyboard);
  }

  public Processing ready(Instant now, OptionalInt width, OptionalInt height, Optional<Rendition> mp4,
      Optional<Rendition> thumbnail) {
    return new Processing(ProcessingState.READY, now, Optional.empty(), width, height, mp4, thumbnail,
        Optional.empty());
  }

  /** The same with the storyboard's sprite processing made (or none). */
  public Processing withStoryboard(Optional<Rendition> sprite) {
    return new Processing(state, since, failure, width, height, mp4, thumbnail, sprite);
  }

  public Processing failed(Instant now, String reason) {
    return new Processing(ProcessingState.FAILED, now, Optional.of(reason), width, height, mp4, thumbnail, storyboard);
  }

  /** Queued again (an administrator's reprocess), keeping what exists until the new run replaces it. */
  public Processing requeued(Instant now) {
    return new Processing(ProcessingState.QUEUED, now, Optional.empty(), width, height, mp4, thumbnail, storyboard);
  }

  private static Processing bare(ProcessingState state, Instant now) {
    return new Processing(state, now, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  private static String oneLine(String reason) {
    String flat = reason.replaceAll("\\s+", " ").strip();
    String text = flat.isEmpty() ? "processing failed" : flat;
    return text.length() > MAX_FAILURE_LENGTH ? text.substring(0, MAX_FAILURE_LENGTH - 1) + "…" : text;
  }
}

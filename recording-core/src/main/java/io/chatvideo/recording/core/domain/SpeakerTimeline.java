package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When each party of a recording spoke, found from the audio (one channel per party, no model):
 * the segments in time order, or why there are none. {@code reason} is a fixed code: for {@code
 * UNAVAILABLE} {@link #MIXED_AUDIO}, {@link #NO_AUDIO} or {@link #ONE_CHANNEL}; for {@code FAILED}
 * the engine's reason ({@code failed: …}).
 *
 * <pre>{@code
 * SpeakerTimeline.ready(List.of(new SpeechSegment(Party.LOCAL, 0, 1200)), now).talkMs(Party.LOCAL);   // 1200
 * SpeakerTimeline.unavailable(SpeakerTimeline.MIXED_AUDIO, now);
 * }</pre>
 */
public record SpeakerTimeline(SpeakersState state, Optional<String> reason, List<SpeechSegment> segments,
    Instant madeAt) {

  /** The parties were mixed into one sound before upload: nothing can tell them apart. */
  public static final String MIXED_AUDIO = "mixed_audio";
  /** The recording has no audio stream. */
  public static final String NO_AUDIO = "no_audio";
  /** The upload said one channel per party, but the file has one channel (the recorder fell back to a microphone). */
  public static final String ONE_CHANNEL = "one_channel";

  /**
   * The most segments kept for one recording (a turn every 3 s of a 4-hour call), so that a
   * timeline fits in a DynamoDB item and a webhook payload; past it the shortest pauses are closed.
   */
  public static final int MAX_SEGMENTS = 5_000;

  public SpeakerTimeline {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    segments = segments.stream().sorted(Comparator.comparingLong(SpeechSegment::startMs)
        .thenComparing(SpeechSegment::party)).toList();
    Objects.requireNonNull(madeAt, "madeAt");
    if (reason.isPresent() == (state == SpeakersState.READY)) {
      throw new IllegalArgumentException("a reason goes with an unavailable or failed timeline only, not " + state);
    }
    if (state != SpeakersState.READY && !segments.isEmpty()) {
      throw new IllegalArgumentException("only a ready timeline has segments");
    }
    if (segments.size() > MAX_SEGMENTS) {
      throw new IllegalArgumentException("a timeline keeps at most " + MAX_SEGMENTS + " segments, not "
          + segments.size());
    }
  }

  public static SpeakerTimeline ready(List<SpeechSegment> segments, Instant now) {
    return new SpeakerTimeline(SpeakersState.READY, Optional.empty(), segments, now);
  }

  public static SpeakerTimeline unavailable(String reason, Instant now) {
    return new SpeakerTimeline(SpeakersState.UNAVAILABLE, Optional.of(reason), List.of(), now);
  }

  public static SpeakerTimeline failed(String reason, Instant now) {
    return new SpeakerTimeline(SpeakersState.FAILED, Optional.of(reason), List.of(), now);
  }

  /** How long {@code party} spoke, in milliseconds. */
  public long talkMs(Party party) {
    return segments.stream().filter(s -> s.party() == party).mapToLong(SpeechSegment::lengthMs).sum();
  }
}

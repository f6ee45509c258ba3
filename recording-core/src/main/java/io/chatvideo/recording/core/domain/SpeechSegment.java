package io.chatvideo.recording.core.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@code party} spoke from {@code startMs} to {@code endMs}, in milliseconds from the start of the recording. */
public record SpeechSegment(Party party, long startMs, long endMs) {

  public SpeechSegment {
    Objects.requireNonNull(party, "party");
    if (startMs < 0 || endMs <= startMs) {
      throw new IllegalArgumentException("a speech segment runs forward from 0 or later, not " + startMs + " to "
          + endMs + " ms");
    }
  }

  public long lengthMs() {
    return endMs - startMs;
  }

  /**
   * The compact form stores keep a timeline's segments in (one text value, about 20 bytes a
   * segment): {@code local 0 1500}, one segment a line.
   */
  public static String toText(List<SpeechSegment> segments) {
    return segments.stream().map(s -> s.party().wireName() + " " + s.startMs() + " " + s.endMs())
        .collect(Collectors.joining("\n"));
  }

  /** The segments {@link #toText} wrote. */
  public static List<SpeechSegment> fromText(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(text.split("\n")).map(line -> {
      String[] parts = line.split(" ");
      if (parts.length != 3) {
        throw new IllegalArgumentException("not a stored speech segment: " + line);
      }
      return new SpeechSegment(Party.fromWireName(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }).toList();
  }
}

package io.chatvideo.recording.core.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a recording's audio holds its parties: {@code PER_PARTY} keeps the local party (who
 * recorded) on the left channel and the remote party on the right, so who said what can be told
 * apart; {@code MIXED} is one mix of both, the default for uploads that do not say (the CLI, older
 * clients).
 *
 * <pre>{@code
 * AudioLayout.parse(Optional.of("per_party"));   // PER_PARTY
 * AudioLayout.parse(Optional.empty());           // MIXED
 * }</pre>
 */
public enum AudioLayout {
  PER_PARTY,
  MIXED;

  /** The field that carries it on the wire. */
  public static final String FIELD = "audio_layout";

  /** {@code per_party} or {@code mixed}, on the wire and in stores. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The layout named {@code text}; {@code MIXED} when absent; an {@link InvalidInputException} on {@code audio_layout} otherwise. */
  public static AudioLayout parse(Optional<String> text) {
    if (text.isEmpty()) {
      return MIXED;
    }
    return Arrays.stream(values()).filter(layout -> layout.wireName().equals(text.get())).findFirst()
        .orElseThrow(() -> new InvalidInputException(FIELD, "must be one of "
            + Arrays.stream(values()).map(AudioLayout::wireName).collect(Collectors.joining(", ")) + ", not '"
            + text.get() + "'"));
  }

  /** The layout a store wrote, {@code MIXED} for rows written before layouts existed. */
  public static AudioLayout fromStored(Optional<String> text) {
    return text.map(stored -> AudioLayout.valueOf(stored.toUpperCase(Locale.ROOT))).orElse(MIXED);
  }
}

package io.chatvideo.recording.core.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What a listing's {@code q} looks for: a substring of the file name or the room, compared after
 * {@link #fold} on both sides, so the match ignores case in every script, not only ASCII
 * ({@code "ÉTÉ"} finds {@code "été.webm"}, {@code "STRASSE"} finds {@code "straße"}).
 *
 * <p>{@code SearchText.of("Stand-up")} holds {@code "stand-up"}; 1 to {@value #MAX_LENGTH}
 * characters, no control characters. {@code %} and {@code _} are plain characters here: stores
 * that match with patterns escape them.
 */
public record SearchText(String folded) {

  public static final int MAX_LENGTH = 200;

  public SearchText {
    if (folded.isEmpty()) {
      throw new IllegalArgumentException("empty search text");
    }
  }

  /** The caller's {@code q}; invalid input on {@code q} when empty, too long or with control characters. */
  public static SearchText of(String text) {
    if (text.isBlank()) {
      throw new InvalidInputException("q", "must not be blank");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidInputException("q", "is longer than " + MAX_LENGTH + " characters (" + text.length() + ")");
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("q", "must not contain control characters");
    }
    return new SearchText(fold(text));
  }

  /**
   * The one case folding of the project: compatibility-normalized (NFKC: {@code "ﬁ"} is {@code
   * "fi"}), then upper- and lower-cased in the root locale (so {@code "ß"} folds as {@code "ss"}).
   * Stores keep {@link #searchable} of each recording, folded with this, and compare against it.
   */
  public static String fold(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  /**
   * What {@code q} is looked for in: the folded file name and room, joined by a newline, which
   * neither a {@code q} nor a room may contain, so no match spans the two.
   */
  public static String searchable(RecordingDetails details) {
    return fold(details.filename().value()) + "\n" + fold(details.roomId().value());
  }

  /** Whether the recording's file name or room contains this text. */
  public boolean isFoundIn(RecordingDetails details) {
    return searchable(details).contains(folded);
  }
}

package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque page tokens: the repository's cursor bound to the listing it came from, so a token of one
 * listing is refused by another instead of paging it from an arbitrary place.
 */
final class PageTokens {

  private static final int MAX_TOKEN_LENGTH = 4096;

  private PageTokens() {}

  static String encode(String scope, String cursor) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((scope + "\n" + cursor).getBytes(StandardCharsets.UTF_8));
  }

  /** The repository cursor inside {@code token}, which must belong to {@code scope}. */
  static Optional<String> decode(String scope, Optional<String> token) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    String text = token.get();
    if (text.isEmpty() || text.length() > MAX_TOKEN_LENGTH) {
      throw invalid();
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    int newline = decoded.indexOf('\n');
    if (newline < 0 || !decoded.substring(0, newline).equals(scope)) {
      throw invalid();
    }
    return Optional.of(decoded.substring(newline + 1));
  }

  private static InvalidInputException invalid() {
    return new InvalidInputException("next_token", "is not a token from this listing; start again without it");
  }
}

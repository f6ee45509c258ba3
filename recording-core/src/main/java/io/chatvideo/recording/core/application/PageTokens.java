package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque page tokens: the repository's cursor bound to the listing it came from, so a token of one
 * listing is refused by another instead of paging it from an arbitrary place.
 */
final class PageTokens {

  private static final int MAX_TOKEN_LENGTH = 4096;

  private PageTokens() {}

  /**
   * A short scope for a listing described by {@code listing} (caller and filter): its SHA-256, so
   * a token stays short however long the query, and says nothing of it.
   */
  static String scope(String listing) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(listing.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

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
    if (newline < 0) {
      throw invalid();
    }
    if (!decoded.substring(0, newline).equals(scope)) {
      throw new InvalidInputException("next_token", "was made for another query (its filters, sort or caller"
          + " differ); send it with the query it came from, or start again without it");
    }
    return Optional.of(decoded.substring(newline + 1));
  }

  private static InvalidInputException invalid() {
    return new InvalidInputException("next_token", "is not a token from this listing; start again without it");
  }
}

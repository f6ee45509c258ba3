package io.chatvideo.recording.core.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whose passcode tries are counted together: one share link (by its token's hash, so the stores
 * never see a token) or one client address.
 */
public record PasscodeBudget(String key) {

  private static final Pattern FORMAT = Pattern.compile("(link|address)#[0-9A-Za-z.:%_-]{1,100}");

  public PasscodeBudget {
    Objects.requireNonNull(key, "key");
    if (!FORMAT.matcher(key).matches()) {
      throw new IllegalArgumentException("a passcode budget is link#<hash> or address#<address>");
    }
  }

  public static PasscodeBudget forLink(ShareTokenHash link) {
    return new PasscodeBudget("link#" + link.hex());
  }

  /** A client address as the HTTP adapter derived it (IPv4, IPv6 with an optional zone). */
  public static PasscodeBudget forAddress(String address) {
    return new PasscodeBudget("address#" + address);
  }
}

package io.chatvideo.recording.http.auth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a {@code <video src>} of the library page, which cannot send an {@code Authorization}
 * header, is signed in: the page posts its bearer token once to {@code /recordings/{id}/media}
 * and gets it back as this cookie, {@code HttpOnly}, {@code SameSite=Strict}, scoped to that one
 * recording's media path. The bearer filter takes it there only, for GET and HEAD, and verifies
 * it on every request like a header; the media route then checks the recording against the user.
 * So no new secret is needed (any server on the store verifies it), the cookie dies with the token,
 * and a recording deleted mid-play stops at the player's next request.
 */
public final class MediaCookie {

  /** The cookie's name; one per recording, told apart by its path. */
  public static final String NAME = "recording_media";
  private static final Pattern MEDIA_PATH = Pattern.compile("/recordings/[^/]+/media/[^/]+");

  private MediaCookie() {}

  /** The cookie that carries {@code token} to the media of recording {@code id} (already checked to be an id). */
  public static Cookie of(String token, String id, boolean secure) {
    return Cookie.of(NAME, token).path("/recordings/" + id + "/media/").httpOnly(true).secure(secure)
        .sameSite(SameSite.Strict);
  }

  /** The token a media request carries in the cookie instead of a header; empty for any other request. */
  static Optional<String> token(HttpRequest<?> request) {
    if ((request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD)
        || !MEDIA_PATH.matcher(request.getPath()).matches()) {
      return Optional.empty();
    }
    return request.getCookies().findCookie(NAME).map(Cookie::getValue).filter(value -> !value.isBlank());
  }

  /** The bearer token of a request whose Authorization header the filter verified. */
  public static Optional<String> bearer(HttpRequest<?> request) {
    return Optional.ofNullable(request.getHeaders().get(HttpHeaders.AUTHORIZATION))
        .filter(header -> header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7)
        .map(header -> header.substring(7).strip());
  }
}

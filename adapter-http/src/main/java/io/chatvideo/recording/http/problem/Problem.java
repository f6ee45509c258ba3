package io.chatvideo.recording.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;

/**
 * An RFC 9457 problem, the body of every error answer; {@code field} names the request field at
 * fault when there is one.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, @Nullable String field) {

  public static final String ABOUT_BLANK = "about:blank";

  public static Problem of(HttpStatus status, String detail) {
    return new Problem(ABOUT_BLANK, status.getReason(), status.getCode(), detail, null);
  }

  public static Problem ofField(HttpStatus status, String field, String detail) {
    return new Problem(ABOUT_BLANK, status.getReason(), status.getCode(), detail, field);
  }

  /** 429 with {@code Retry-After} in whole seconds, rounded up so a client never comes back too early. */
  public static MutableHttpResponse<Problem> tooManyRequests(String detail, Duration retryAfter) {
    long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.getNano() > 0 ? 1 : 0));
    return response(of(HttpStatus.TOO_MANY_REQUESTS, detail)).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
  }

  /** The answer carrying {@code problem}, with its status and the problem media type. */
  public static MutableHttpResponse<Problem> response(Problem problem) {
    return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
        .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
        .body(problem);
  }
}

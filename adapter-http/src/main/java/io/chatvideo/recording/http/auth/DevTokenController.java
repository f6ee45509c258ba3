package io.chatvideo.recording.http.auth;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.http.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.regex.Pattern;

/** {@code POST /dev/token {"email": …}}: a token for anyone, in dev mode only (404 otherwise). */
@Controller("/dev")
@Tag(name = "dev")
final class DevTokenController {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>()\\[\\],;:\\\\]{1,64}@[A-Za-z0-9.-]{1,253}");

  private final Authentication authentication;

  DevTokenController(Authentication authentication) {
    this.authentication = authentication;
  }

  @Post(value = "/token", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "Mint a dev-mode token for an email (dev mode only)")
  @RequestBody(content = @Content(schema = @Schema(implementation = DevTokenRequest.class)))
  HttpResponse<?> token(@Nullable @Body JsonNode body) {
    if (authentication.devTokens().isEmpty()) {
      return Problem.response(Problem.of(HttpStatus.NOT_FOUND, "there is nothing at this path"));
    }
    JsonNode email = body == null || !body.isObject() ? null : body.get("email");
    if (email == null || !email.isString() || !EMAIL.matcher(email.getStringValue()).matches()) {
      throw new InvalidInputException("email", "must be an email address such as you@example.com");
    }
    DevTokens tokens = authentication.devTokens().get();
    return HttpResponse.ok(new DevToken(tokens.issue(UserId.of(email.getStringValue())), tokens.ttl().toSeconds()));
  }
}

package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.cli.client.ApiUrl;
import io.chatvideo.recording.cli.client.RecordingsApi;
import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.config.TokenStore;
import io.chatvideo.recording.cli.terminal.CliException;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a user command reaches the API. The URL: --api, else RECORDINGS_API_URL, else the one
 * `recordings login` saved, else http://127.0.0.1:8080. The token: --token, else
 * RECORDINGS_TOKEN, else the one `recordings login` saved for that same URL. A plain http URL
 * off this machine gets a warning: the token would cross the network in clear text.
 */
final class ApiOptions {

  static final ApiUrl DEFAULT_API = ApiUrl.parse("http://127.0.0.1:8080", "the default API URL");

  private final Environment environment;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--api", paramLabel = "URL", defaultValue = "${env:RECORDINGS_API_URL}",
      description = "The recordings API (env RECORDINGS_API_URL; default: the URL of the last login, else "
          + "http://127.0.0.1:8080).")
  String api;

  @Option(names = "--token", paramLabel = "JWT", defaultValue = "${env:RECORDINGS_TOKEN}",
      description = "Bearer token (env RECORDINGS_TOKEN; default: the token `recordings login` saved).")
  String token;

  ApiOptions(Environment environment) {
    this.environment = environment;
  }

  TokenStore tokens() {
    return new TokenStore(environment.configDirectory());
  }

  ApiUrl apiUrl() {
    return given(api).map(text -> parse(text, typed("--api") ? "--api" : "RECORDINGS_API_URL"))
        .or(() -> tokens().savedApi().map(saved -> parse(saved.toString(), "the API URL saved in "
            + tokens().file())))
        .orElse(DEFAULT_API);
  }

  /** A client with the caller's token. */
  RecordingsApi connect() {
    ApiUrl url = checked(apiUrl());
    return new RecordingsApi(url, given(token).or(() -> tokens().tokenFor(url.uri())));
  }

  /** A client without token, for {@code login}: the token comes back over this URL. */
  RecordingsApi anonymous(ApiUrl url) {
    return new RecordingsApi(checked(url), Optional.empty());
  }

  private ApiUrl checked(ApiUrl url) {
    if (url.plainHttpOffLoopback()) {
      command.commandLine().getErr().println("warning: " + url + " is plain http to another machine: the token "
          + "crosses the network unencrypted; use https");
    }
    return url;
  }

  /** Whether the option was on the command line, rather than taken from its environment variable. */
  private boolean typed(String option) {
    return command.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** An option's value; blank, as an empty environment variable gives, counts as unset. */
  private static Optional<String> given(String value) {
    return Optional.ofNullable(value).filter(s -> !s.isBlank());
  }

  private static ApiUrl parse(String text, String source) {
    try {
      return ApiUrl.parse(text, source);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }
}

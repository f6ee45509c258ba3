package io.chatvideo.recording.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a user command reaches the API. The URL: --api, else RECORDINGS_API_URL, else the one
 * `recordings login` saved, else http://127.0.0.1:8080. The token: --token, else
 * RECORDINGS_TOKEN, else the one `recordings login` saved for that same URL.
 */
final class ApiOptions {

  static final URI DEFAULT_API = URI.create("http://127.0.0.1:8080");

  private final Environment environment;

  @Option(names = "--api", paramLabel = "URL",
      description = "The recordings API (env RECORDINGS_API_URL; default: the URL of the last login, else "
          + "http://127.0.0.1:8080).")
  String api;

  @Option(names = "--token", paramLabel = "JWT",
      description = "Bearer token (env RECORDINGS_TOKEN; default: the token `recordings login` saved).")
  String token;

  ApiOptions(Environment environment) {
    this.environment = environment;
  }

  TokenStore tokens() {
    return new TokenStore(environment.configDirectory());
  }

  URI apiUrl() {
    return Optional.ofNullable(api).filter(s -> !s.isBlank()).map(s -> parse(s, "--api"))
        .or(() -> environment.variable("RECORDINGS_API_URL").map(s -> parse(s, "RECORDINGS_API_URL")))
        .or(() -> tokens().savedApi())
        .orElse(DEFAULT_API);
  }

  RecordingsApi connect() {
    URI url = apiUrl();
    Optional<String> bearer = Optional.ofNullable(token).filter(s -> !s.isBlank())
        .or(() -> environment.variable("RECORDINGS_TOKEN"))
        .or(() -> tokens().tokenFor(url));
    return new RecordingsApi(url, bearer);
  }

  private static URI parse(String text, String source) {
    try {
      URI uri = new URI(text.strip());
      if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new URISyntaxException(text, "not an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new CliException(source + " must be an http(s) URL like http://127.0.0.1:8080, was '" + text + "'");
    }
  }
}

package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.cli.client.ApiUrl;
import io.chatvideo.recording.cli.client.RecordingsApi.DevToken;
import io.chatvideo.recording.cli.config.TokenStore;
import io.chatvideo.recording.cli.terminal.CliException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "login", mixinStandardHelpOptions = true,
    description = {"Get a token from a server in dev mode and keep it for later commands.",
        "The token is kept, readable by you only, in the config directory: $RECORDINGS_CONFIG_DIR, else "
            + "$XDG_CONFIG_HOME/recordings, else ~/.config/recordings. Production servers take tokens from your "
            + "identity provider: pass them with --token or RECORDINGS_TOKEN."})
final class LoginCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "Who you are.")
  String email;

  @Override
  public Integer call() {
    ApiUrl url = api.apiUrl();
    DevToken token = api.anonymous(url).devToken(email);
    if (token == null || token.token() == null || token.token().isBlank()) {
      throw new CliException("the recordings API at " + url + " sent no token");
    }
    TokenStore store = api.tokens();
    store.save(url.uri(), token.token());
    spec.commandLine().getOut().printf("logged in to %s as %s; token saved in %s (valid for %s)%n",
        url, email, store.file(), human(Duration.ofSeconds(token.expiresIn())));
    return 0;
  }

  private static String human(Duration duration) {
    if (duration.toHours() >= 1) {
      return duration.toHours() + " h";
    }
    return Math.max(duration.toMinutes(), 0) + " min";
  }
}

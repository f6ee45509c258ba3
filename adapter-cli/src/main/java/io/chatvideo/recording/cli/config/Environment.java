package io.chatvideo.recording.cli.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command line reads from the world besides its arguments: the environment variables
 * that are no option's default (those picocli reads itself, {@code ${env:…}}), the home
 * directory, the time zone for printing, the clock, and whether a person watches stderr. Tests
 * pass their own so nothing depends on the machine running them.
 */
public record Environment(Map<String, String> variables, Path home, ZoneId zone, Clock clock, boolean interactive) {

  public Environment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(clock, "clock");
  }

  public static Environment system() {
    return new Environment(System.getenv(), Path.of(System.getProperty("user.home")), ZoneId.systemDefault(),
        Clock.systemUTC(), System.console() != null);
  }

  /** A variable's value; an empty or blank variable counts as unset. */
  private Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** {@code $RECORDINGS_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/recordings}, else {@code ~/.config/recordings}. */
  public Path configDirectory() {
    return variable("RECORDINGS_CONFIG_DIR").map(Path::of)
        .or(() -> variable("XDG_CONFIG_HOME").map(dir -> Path.of(dir, "recordings")))
        .orElseGet(() -> home.resolve(".config").resolve("recordings"));
  }
}

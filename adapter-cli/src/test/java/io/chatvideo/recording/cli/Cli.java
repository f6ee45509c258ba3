package io.chatvideo.recording.cli;

import io.chatvideo.recording.cli.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the command line as a test would see it: fixed environment, output captured. Options that
 * picocli defaults from environment variables ({@code ${env:…}}) read the real environment, so
 * tests pass those as options ({@link #with}); {@link #env} sets the variables the CLI reads itself.
 */
final class Cli {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  final Map<String, String> variables = new HashMap<>();
  final List<String> trailing = new ArrayList<>();
  final Path home;
  Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  ZoneId zone = ZoneOffset.UTC;

  Cli(Path home) {
    this.home = home;
    variables.put("RECORDINGS_CONFIG_DIR", home.resolve("config").toString());
  }

  Cli env(String name, String value) {
    variables.put(name, value);
    return this;
  }

  /** Options added after the arguments of every run, e.g. {@code --api URL --token T}. */
  Cli with(String... options) {
    trailing.addAll(List.of(options));
    return this;
  }

  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(trailing);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new Environment(variables, home, zone, clock, false), new PrintWriter(out), new PrintWriter(err),
        all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int exitCode, String out, String err) {}
}

package io.chatvideo.recording.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line as a test would see it: fixed environment, output captured. */
final class Cli {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  final Map<String, String> variables = new HashMap<>();
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

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new Environment(variables, home, zone, clock, false), new PrintWriter(out), new PrintWriter(err),
        args);
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int exitCode, String out, String err) {}
}

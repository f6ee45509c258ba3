package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.cli.config.Environment;
import java.io.PrintWriter;
import io.chatvideo.recording.cli.terminal.DurationConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Create what the backend needs; safe to run again.",
        "aws: the DynamoDB table with its indexes and TTL, the bucket's lifecycle rule and CORS. "
            + "local: the data directory."})
final class AdminInitCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  BackendOptions backend;

  @Option(names = "--retention", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30d",
      description = "How long recordings live, for the bucket's lifecycle rule (default: ${DEFAULT-VALUE}).")
  Duration retention;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN",
      description = "aws: an origin of the web client allowed to upload to the bucket; repeatable.")
  List<String> corsOrigins = new ArrayList<>();

  AdminInitCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (AdminBackend store = BackendFactory.open(backend, environment)) {
      for (String step : store.initialize(retention, corsOrigins)) {
        out.println(step);
      }
    }
    return 0;
  }
}

package io.chatvideo.recording.cli;

import io.chatvideo.recording.cli.command.RecordingsCommand;
import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.terminal.ErrorReporter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;

/** The {@code recordings} command: entry point and the one place that wires picocli. */
public final class Main {

  private Main() {}

  public static void main(String... args) {
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
    System.exit(run(out, err, args));
  }

  /** Runs one command line and returns its exit code: 0 success, 1 failure, 2 usage. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(Environment.system(), out, err, args);
  }

  static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
    try {
      return commandLine(environment, out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  static CommandLine commandLine(Environment environment, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(RecordingsCommand.class, new CommandFactory(environment));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }
}

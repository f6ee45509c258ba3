package io.chatvideo.recording.cli.terminal;

import io.chatvideo.recording.core.domain.RecordingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/**
 * The one place that turns a failure into a message and an exit code. Users see one line; a
 * stack trace only with --verbose. Usage errors (exit 2) are picocli's own handler's job.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

  public static final int FAILURE = CommandLine.ExitCode.SOFTWARE;

  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine,
      CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    err.println(commandLine.getColorScheme().errorText("error: " + message(exception)));
    if (verbose(parseResult)) {
      exception.printStackTrace(err);
    } else if (!(exception instanceof CliException) && !(exception instanceof RecordingException)
        && !(exception instanceof IOException) && !(exception instanceof UncheckedIOException)) {
      err.println("(run again with --verbose for details)");
    }
    err.flush();
    return exception instanceof UsageRefusal ? CommandLine.ExitCode.USAGE : FAILURE;
  }

  static String message(Throwable exception) {
    if (exception instanceof CliException || exception instanceof RecordingException) {
      return exception.getMessage();
    }
    if (exception instanceof UncheckedIOException unchecked) {
      return message(unchecked.getCause());
    }
    if (exception instanceof NoSuchFileException e) {
      return "no such file or directory: " + e.getFile();
    }
    if (exception instanceof AccessDeniedException e) {
      return "permission denied: " + e.getFile();
    }
    if (exception instanceof FileAlreadyExistsException e) {
      return "already exists: " + e.getFile();
    }
    if (exception instanceof NotDirectoryException e) {
      return "not a directory: " + e.getFile();
    }
    if (exception instanceof FileSystemException e) {
      return e.getFile() + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason());
    }
    if (exception instanceof IOException) {
      return "input/output failed: " + describe(exception);
    }
    return "unexpected " + describe(exception);
  }

  private static String describe(Throwable exception) {
    return exception.getMessage() == null ? exception.getClass().getSimpleName()
        : exception.getClass().getSimpleName() + ": " + exception.getMessage();
  }

  private static boolean verbose(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}

package io.chatvideo.recording.cli.terminal;

/** Input the command refuses, said in one line, exit 2 like a usage error (but without the usage after it). */
public final class UsageRefusal extends CliException {

  public UsageRefusal(String message, Throwable cause) {
    super(message, cause);
  }
}

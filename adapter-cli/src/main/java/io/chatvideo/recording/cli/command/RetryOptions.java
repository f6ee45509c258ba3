package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.cli.terminal.DurationConverter;
import io.chatvideo.recording.cli.transfer.RetryPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The transfers' retry policies, the web client's. Hidden: the first delay is there so that tests
 * of a failing store need not wait out the real backoff.
 */
final class RetryOptions {

  @Option(names = "--retry-delay", hidden = true, paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = "500ms")
  Duration firstDelay;

  RetryPolicy api() {
    return RetryPolicy.DEFAULT.startingAt(firstDelay);
  }

  RetryPolicy transfers() {
    return RetryPolicy.TRANSFER.startingAt(firstDelay);
  }
}

package io.chatvideo.recording.cli.transfer;

import io.chatvideo.recording.cli.client.RequestFailure;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How often and how patiently a failed request is tried again: exponential backoff with jitter,
 * the web client's policy (web-client/src/upload/retry-policy.ts) with the same numbers. Retried:
 * no answer at all, 408, 429 and 5xx; other answers fail the same way every time.
 *
 * @param retries tries after the first one
 * @param firstDelay delay before the first retry
 * @param maxDelay upper bound of one delay
 * @param factor each delay is this many times the previous one
 */
public record RetryPolicy(int retries, Duration firstDelay, Duration maxDelay, double factor) {

  /** API calls and the single PUT: four tries in about 3.5 s. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), 2);
  /** Parts and download bytes: six tries in about 15 s, patient enough for a flaky network. */
  public static final RetryPolicy TRANSFER = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8), 2);

  /** p-retry's jitter multiplies a delay by 1 to 2; resilience4j's spreads it by this fraction either way. */
  private static final double JITTER = 0.5;

  public RetryPolicy {
    if (retries < 0 || firstDelay.toMillis() < 1 || maxDelay.compareTo(firstDelay) < 0 || factor < 1) {
      throw new IllegalArgumentException("not a retry policy: " + retries + " retries, " + firstDelay + " to "
          + maxDelay + " x" + factor);
    }
  }

  /** The same number of tries, with delays scaled so that the first is {@code firstDelay}. */
  public RetryPolicy startingAt(Duration first) {
    double scale = (double) first.toNanos() / firstDelay.toNanos();
    return new RetryPolicy(retries, first, Duration.ofNanos((long) (maxDelay.toNanos() * scale)), factor);
  }

  /** Whether trying again may help: no answer, a timeout (408), throttling (429) or a server error. */
  public static boolean retryable(Throwable failure) {
    return failure instanceof RequestFailure request
        && request.status().stream().allMatch(s -> s == 408 || s == 429 || s >= 500);
  }

  <T> T run(String step, PrintWriter log, Supplier<T> task) {
    return run(step, log, RetryPolicy::retryable, task);
  }

  /** Runs {@code task} until it succeeds, fails for good or the retries are spent; tells {@code log} of each retry. */
  <T> T run(String step, PrintWriter log, Predicate<Throwable> retryable, Supplier<T> task) {
    RetryConfig config = RetryConfig.custom()
        .maxAttempts(retries + 1)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(firstDelay, factor, JITTER, maxDelay))
        .retryOnException(retryable)
        .build();
    Retry retry = Retry.of(step, config);
    retry.getEventPublisher().onRetry(event -> {
      log.printf(Locale.ROOT, "%s failed (try %d of %d), trying again in %.1f s: %s%n", step,
          event.getNumberOfRetryAttempts(), retries + 1, event.getWaitInterval().toMillis() / 1000.0,
          event.getLastThrowable() == null ? "" : event.getLastThrowable().getMessage());
      log.flush();
    });
    return retry.executeSupplier(task);
  }
}

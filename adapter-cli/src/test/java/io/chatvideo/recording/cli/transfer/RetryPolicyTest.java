package io.chatvideo.recording.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.cli.client.RequestFailure;
import io.chatvideo.recording.cli.terminal.CliException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void timeoutsThrottlingAndServerErrorsAreRetried(int status) {
    assertThat(RetryPolicy.retryable(new RequestFailure(status, "x"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 416})
  void otherClientErrorsFailTheSameWayEveryTime(int status) {
    assertThat(RetryPolicy.retryable(new RequestFailure(status, "x"))).isFalse();
  }

  @Test
  void noAnswerIsRetriedAndAUsersMistakeIsNot() {
    assertThat(RetryPolicy.retryable(RequestFailure.noAnswer("refused", new IOException()))).isTrue();
    assertThat(RetryPolicy.retryable(new CliException("not a recording id"))).isFalse();
  }

  @Test
  void theNumbersAreTheWebClients() {
    assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), 2));
    assertThat(RetryPolicy.TRANSFER).isEqualTo(new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8), 2));
    assertThat(RetryPolicy.TRANSFER.startingAt(Duration.ofMillis(5)))
        .isEqualTo(new RetryPolicy(5, Duration.ofMillis(5), Duration.ofMillis(80), 2));
  }

  @Test
  void aTaskIsTriedUntilItSucceedsAndEachRetryIsLogged() {
    AtomicInteger tries = new AtomicInteger();
    StringWriter log = new StringWriter();

    String result = RetryPolicy.DEFAULT.startingAt(Duration.ofMillis(1)).run("the step", new PrintWriter(log), () -> {
      if (tries.incrementAndGet() < 3) {
        throw new RequestFailure(503, "busy");
      }
      return "done";
    });

    assertThat(result).isEqualTo("done");
    assertThat(tries).hasValue(3);
    assertThat(log.toString()).contains("the step failed (try 1 of 4), trying again in")
        .contains("the step failed (try 2 of 4)").endsWith("busy\n");
  }

  @Test
  void theLastFailureIsThrownWhenTheRetriesAreSpent() {
    AtomicInteger tries = new AtomicInteger();

    assertThatThrownBy(() -> RetryPolicy.DEFAULT.startingAt(Duration.ofMillis(1)).run("x",
        new PrintWriter(new StringWriter()), () -> {
          throw new RequestFailure(500, "failure " + tries.incrementAndGet());
        })).hasMessage("failure 4");
  }
}

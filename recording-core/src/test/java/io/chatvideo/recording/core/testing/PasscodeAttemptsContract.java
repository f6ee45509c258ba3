package io.chatvideo.recording.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.PasscodeBudget;
import io.chatvideo.recording.core.domain.ShareToken;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import io.chatvideo.recording.core.port.out.PasscodeAttempts.Tries;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PasscodeAttempts} must do. An adapter's test extends this class and gives two
 * handles on one fresh, empty store (two clients, or two connections to one file): what one
 * counts, the other sees, as two servers on one store must.
 */
public abstract class PasscodeAttemptsContract {

  /** In the future: a store with real TTL (DynamoDB Local) deletes items whose time has passed within moments. */
  protected static final Instant T0 = Instant.parse("2100-03-01T10:00:07.250Z");
  protected static final Duration MINUTE = Duration.ofMinutes(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Two handles on one fresh, empty store. */
  protected abstract Pair pair();

  public record Pair(PasscodeAttempts first, PasscodeAttempts second) {}

  protected static PasscodeBudget link() {
    return PasscodeBudget.forLink(ShareToken.generate(RANDOM).hash());
  }

  @Test
  void triesOnOneBudgetAddUpAcrossBothHandlesInTheWindowTheFirstOpened() {
    Pair store = pair();
    PasscodeBudget link = link();
    assertThat(store.first().count(link, T0, MINUTE)).isEqualTo(new Tries(1, T0));
    assertThat(store.second().count(link, T0.plusSeconds(30), MINUTE)).isEqualTo(new Tries(2, T0));
    assertThat(store.first().count(link, T0.plus(MINUTE).minusMillis(1), MINUTE)).isEqualTo(new Tries(3, T0));
  }

  @Test
  void aTryAtTheWindowsEndOpensTheNext() {
    Pair store = pair();
    PasscodeBudget link = link();
    store.first().count(link, T0, MINUTE);
    store.first().count(link, T0.plusSeconds(10), MINUTE);
    Instant next = T0.plus(MINUTE);
    assertThat(store.second().count(link, next, MINUTE)).isEqualTo(new Tries(1, next));
    assertThat(store.first().count(link, next.plusSeconds(1), MINUTE)).isEqualTo(new Tries(2, next));
  }

  @Test
  void budgetsAreCountedApart() {
    Pair store = pair();
    PasscodeBudget link = link();
    store.first().count(link, T0, MINUTE);
    store.first().count(link, T0, MINUTE);
    assertThat(store.second().count(link(), T0, MINUTE).count()).isEqualTo(1);
    assertThat(store.second().count(PasscodeBudget.forAddress("2001:db8:0:0:0:0:0:1"), T0, MINUTE).count()).isEqualTo(1);
    assertThat(store.second().count(PasscodeBudget.forAddress("203.0.113.9"), T0, MINUTE).count()).isEqualTo(1);
  }

  @Test
  void concurrentTriesAllCount() throws Exception {
    Pair store = pair();
    PasscodeBudget link = link();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Tries>> tries = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        PasscodeAttempts handle = i % 2 == 0 ? store.first() : store.second();
        tries.add(pool.submit(() -> handle.count(link, T0, MINUTE)));
      }
      List<Long> counts = new ArrayList<>();
      for (Future<Tries> t : tries) {
        counts.add(t.get().count());
      }
      assertThat(counts).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.chatvideo.recording.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.PasscodeBudget;
import io.chatvideo.recording.core.domain.ShareToken;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PasscodeAttempts} must do. An adapter's test extends this class and gives two
 * views of one fresh, empty store (two clients, or two connections to one file): what one counts,
 * the other sees, as two servers on one store must.
 */
public abstract class PasscodeAttemptsContract {

  /** In the future: a store with real TTL (DynamoDB Local) deletes items whose time has passed within moments. */
  protected static final Instant MINUTE = Instant.parse("2100-03-01T10:00:00Z");
  private static final Instant FORGET = MINUTE.plus(Duration.ofMinutes(2));
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Two handles on one fresh, empty store. */
  protected abstract Pair pair();

  public record Pair(PasscodeAttempts first, PasscodeAttempts second) {}

  @Test
  void triesOnOneBudgetAddUpAcrossBothHandles() {
    Pair store = pair();
    PasscodeBudget link = PasscodeBudget.forLink(ShareToken.generate(RANDOM).hash());
    assertThat(store.first().count(link, MINUTE, FORGET)).isEqualTo(1);
    assertThat(store.second().count(link, MINUTE, FORGET)).isEqualTo(2);
    assertThat(store.first().count(link, MINUTE, FORGET)).isEqualTo(3);
  }

  @Test
  void budgetsAndWindowsAreCountedApart() {
    Pair store = pair();
    PasscodeBudget link = PasscodeBudget.forLink(ShareToken.generate(RANDOM).hash());
    PasscodeBudget other = PasscodeBudget.forLink(ShareToken.generate(RANDOM).hash());
    PasscodeBudget address = PasscodeBudget.forAddress("2001:db8::1");
    store.first().count(link, MINUTE, FORGET);
    store.first().count(link, MINUTE, FORGET);
    assertThat(store.second().count(other, MINUTE, FORGET)).isEqualTo(1);
    assertThat(store.second().count(address, MINUTE, FORGET)).isEqualTo(1);
    Instant next = MINUTE.plus(Duration.ofMinutes(1));
    assertThat(store.second().count(link, next, next.plus(Duration.ofMinutes(2)))).isEqualTo(1);
  }

  @Test
  void concurrentTriesAllCount() throws Exception {
    Pair store = pair();
    PasscodeBudget link = PasscodeBudget.forLink(ShareToken.generate(RANDOM).hash());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> tries = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        PasscodeAttempts handle = i % 2 == 0 ? store.first() : store.second();
        tries.add(pool.submit(() -> handle.count(link, MINUTE, FORGET)));
      }
      List<Long> counts = new ArrayList<>();
      for (Future<Long> t : tries) {
        counts.add(t.get());
      }
      assertThat(counts).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }
}

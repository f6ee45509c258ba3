package io.chatvideo.recording.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.UploadLedger;
import io.chatvideo.recording.core.port.out.UploadLedger.Outcome;
import io.chatvideo.recording.core.port.out.UploadLedger.Signed;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UploadLedger} must do. An adapter's test extends this class and gives a
 * fresh, empty ledger per test.
 */
public abstract class UploadLedgerContract {

  /** Today: a store that expires old counters by itself (DynamoDB's TTL) must keep this one. */
  protected static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC);
  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final UserId BOB = UserId.of("bob@example.com");
  private static final long MiB = 1024L * 1024;

  /** A fresh, empty ledger. */
  protected abstract UploadLedger ledger();

  @Test
  void aSlotSignedAgainCountsOnceAtItsLargestLength() {
    UploadLedger ledger = ledger();
    RecordingId recording = id();
    assertThat(ledger.reserve(signed(ALICE, DAY, recording, Map.of(1, 5 * MiB, 2, 5 * MiB)), 100 * MiB, 1000 * MiB))
        .isEqualTo(new Outcome.Counted(10 * MiB));
    assertThat(ledger.reserve(signed(ALICE, DAY, recording, Map.of(2, 5 * MiB)), 100 * MiB, 1000 * MiB))
        .isEqualTo(new Outcome.Counted(10 * MiB));
    assertThat(ledger.reserve(signed(ALICE, DAY, recording, Map.of(1, 3 * MiB, 3, MiB)), 100 * MiB, 1000 * MiB))
        .isEqualTo(new Outcome.Counted(11 * MiB));
    assertThat(ledger.reserve(signed(ALICE, DAY, recording, Map.of(2, 6 * MiB)), 100 * MiB, 1000 * MiB))
        .isEqualTo(new Outcome.Counted(12 * MiB));
    assertThat(ledger.bytesOn(ALICE, DAY)).isEqualTo(12 * MiB);
  }

  @Test
  void lengthsPastTheRecordingLimitAreRefusedAndCountNothing() {
    UploadLedger ledger = ledger();
    RecordingId recording = id();
    ledger.reserve(signed(ALICE, DAY, recording, Map.of(1, 5 * MiB, 2, 5 * MiB)), 12 * MiB, 1000 * MiB);
    assertThat(ledger.reserve(signed(ALICE, DAY, recording, Map.of(3, 5 * MiB)), 12 * MiB, 1000 * MiB))
        .isEqualTo(new Outcome.RecordingFull(15 * MiB));
    assertThat(ledger.bytesOn(ALICE, DAY)).isEqualTo(10 * MiB);
    // What fits still fits: nothing of the refused request was kept.
    assertThat(ledger.reserve(signed(ALICE, DAY, recording, Map.of(3, 2 * MiB)), 12 * MiB, 1000 * MiB))
        .isEqualTo(new Outcome.Counted(12 * MiB));
  }

  @Test
  void lengthsPastTheDayLimitAreRefusedAndCountNothing() {
    UploadLedger ledger = ledger();
    ledger.reserve(signed(ALICE, DAY, id(), Map.of(0, 8 * MiB)), 15 * MiB, 19 * MiB);
    RecordingId second = id();
    ledger.reserve(signed(ALICE, DAY, second, Map.of(1, 5 * MiB)), 15 * MiB, 19 * MiB);
    assertThat(ledger.reserve(signed(ALICE, DAY, second, Map.of(2, 5 * MiB, 3, 2 * MiB)), 15 * MiB, 19 * MiB))
        .isEqualTo(new Outcome.DayFull(13 * MiB, 7 * MiB));
    assertThat(ledger.bytesOn(ALICE, DAY)).isEqualTo(13 * MiB);
    assertThat(ledger.reserve(signed(ALICE, DAY, second, Map.of(2, 5 * MiB)), 15 * MiB, 19 * MiB))
        .isEqualTo(new Outcome.Counted(10 * MiB));
    assertThat(ledger.bytesOn(ALICE, DAY)).isEqualTo(18 * MiB);
  }

  @Test
  void ownersAndDaysCountApart() {
    UploadLedger ledger = ledger();
    ledger.reserve(signed(ALICE, DAY, id(), Map.of(0, 10 * MiB)), 10 * MiB, 10 * MiB);
    assertThat(ledger.reserve(signed(BOB, DAY, id(), Map.of(0, 10 * MiB)), 10 * MiB, 10 * MiB))
        .isEqualTo(new Outcome.Counted(10 * MiB));
    assertThat(ledger.reserve(signed(ALICE, DAY.plusDays(1), id(), Map.of(0, 10 * MiB)), 10 * MiB, 10 * MiB))
        .isEqualTo(new Outcome.Counted(10 * MiB));
    assertThat(ledger.bytesOn(ALICE, DAY)).isEqualTo(10 * MiB);
    assertThat(ledger.bytesOn(BOB, DAY)).isEqualTo(10 * MiB);
    assertThat(ledger.bytesOn(BOB, DAY.plusDays(1))).isZero();
  }

  @Test
  void settlingCountsTheStoredSizeInsteadOfTheSignedOnesOnce() {
    UploadLedger ledger = ledger();
    RecordingId recording = id();
    ledger.reserve(signed(ALICE, DAY, recording, Map.of(1, 5 * MiB, 2, 5 * MiB, 3, 5 * MiB)), 100 * MiB, 1000 * MiB);
    ledger.settle(ALICE, DAY, recording, 11 * MiB);
    assertThat(ledger.bytesOn(ALICE, DAY)).isEqualTo(11 * MiB);
    ledger.settle(ALICE, DAY, recording, 11 * MiB);
    assertThat(ledger.bytesOn(ALICE, DAY)).isEqualTo(11 * MiB);
  }

  @Test
  void settlingARecordingNothingWasSignedForAddsItsStoredSize() {
    UploadLedger ledger = ledger();
    ledger.settle(ALICE, DAY, id(), 7 * MiB);
    assertThat(ledger.bytesOn(ALICE, DAY)).isEqualTo(7 * MiB);
  }

  /** A bounded listing forgot the large recordings once enough small ones followed; a counter does not. */
  @Test
  void smallRecordingsAfterLargeOnesDoNotResetTheDay() {
    UploadLedger ledger = ledger();
    long limit = 100 * MiB;
    for (int i = 0; i < 3; i++) {
      RecordingId large = id();
      ledger.reserve(signed(ALICE, DAY, large, Map.of(0, 30 * MiB)), 40 * MiB, limit);
      ledger.settle(ALICE, DAY, large, 30 * MiB);
    }
    for (int i = 0; i < 20; i++) {
      RecordingId small = id();
      assertThat(ledger.reserve(signed(ALICE, DAY, small, Map.of(0, 1_000L)), 40 * MiB, limit))
          .isInstanceOf(Outcome.Counted.class);
      ledger.settle(ALICE, DAY, small, 1_000L);
    }
    assertThat(ledger.bytesOn(ALICE, DAY)).isEqualTo(90 * MiB + 20_000L);
    assertThat(ledger.reserve(signed(ALICE, DAY, id(), Map.of(0, 10 * MiB)), 40 * MiB, limit))
        .isEqualTo(new Outcome.DayFull(90 * MiB + 20_000L, 10 * MiB));
  }

  @Test
  void concurrentReservationsNeverPassTheDay() throws Exception {
    UploadLedger ledger = ledger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> counted = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        counted.add(pool.submit(() -> {
          int n = 0;
          for (int i = 0; i < 10; i++) {
            if (ledger.reserve(signed(ALICE, DAY, id(), Map.of(0, 10L)), 10, 250) instanceof Outcome.Counted) {
              n++;
            }
          }
          return n;
        }));
      }
      int total = 0;
      for (Future<Integer> f : counted) {
        total += f.get();
      }
      assertThat(total).isEqualTo(25);
      assertThat(ledger.bytesOn(ALICE, DAY)).isEqualTo(250);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Signed signed(UserId owner, LocalDate day, RecordingId recording, Map<Integer, Long> lengths) {
    return new Signed(owner, day, recording, lengths);
  }

  private static RecordingId id() {
    return RecordingId.parse(UUID.randomUUID().toString());
  }
}

package io.chatvideo.recording.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.domain.ShareToken;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.ShareRepository;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ShareRepository} must do. An adapter's test extends this class and gives a
 * fresh, empty store per test: its share repository and the recording repository beside it (a
 * share's recording must exist where the store checks references).
 */
public abstract class ShareRepositoryContract {

  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh, empty store. */
  protected abstract Stores stores();

  /** A share repository and the recording repository of the same store. */
  public record Stores(RecordingRepository recordings, ShareRepository shares) {}

  @Test
  void aShareReadsBackEqualByItsTokenHash() {
    Stores stores = stores();
    RecordingId recording = recording(stores);
    ShareToken token = ShareToken.generate(RANDOM);
    Share share = share(recording, token, T0, Optional.of("$2a$10$abcdefghijklmnopqrstuuKq3xmbxZkqQh9bV1xXv3Qc8vCPxdfuW"), false);
    stores.shares().insert(share);
    assertThat(stores.shares().findByTokenHash(token.hash())).contains(share);
    Share plain = share(recording, ShareToken.generate(RANDOM), T0, Optional.empty(), true);
    stores.shares().insert(plain);
    assertThat(stores.shares().findByTokenHash(plain.tokenHash())).contains(plain);
  }

  @Test
  void anUnknownTokenHashFindsNothing() {
    Stores stores = stores();
    stores.shares().insert(share(recording(stores), ShareToken.generate(RANDOM), T0, Optional.empty(), true));
    assertThat(stores.shares().findByTokenHash(ShareToken.generate(RANDOM).hash())).isEmpty();
  }

  @Test
  void aTakenIdOrTokenIsAConflict() {
    Stores stores = stores();
    RecordingId recording = recording(stores);
    ShareToken token = ShareToken.generate(RANDOM);
    Share share = share(recording, token, T0, Optional.empty(), true);
    stores.shares().insert(share);
    Share sameId = new Share(share.id(), recording, ShareToken.generate(RANDOM).hash(), T0, T0.plusSeconds(60),
        Optional.empty(), true, false, 0);
    assertThatThrownBy(() -> stores.shares().insert(sameId)).isInstanceOf(ConflictException.class);
    Share sameToken = share(recording, token, T0, Optional.empty(), true);
    assertThatThrownBy(() -> stores.shares().insert(sameToken)).isInstanceOf(ConflictException.class);
  }

  @Test
  void aRecordingsSharesListOldestFirstAndNoOthers() {
    Stores stores = stores();
    RecordingId recording = recording(stores);
    RecordingId other = recording(stores);
    Share second = share(recording, ShareToken.generate(RANDOM), T0.plusSeconds(10), Optional.empty(), true);
    Share first = share(recording, ShareToken.generate(RANDOM), T0, Optional.empty(), false);
    stores.shares().insert(second);
    stores.shares().insert(first);
    stores.shares().insert(share(other, ShareToken.generate(RANDOM), T0, Optional.empty(), true));
    assertThat(stores.shares().listByRecording(recording)).containsExactly(first, second);
    assertThat(stores.shares().listByRecording(new RecordingId(java.util.UUID.randomUUID()))).isEmpty();
  }

  @Test
  void revokingMarksTheShareAndOnlyUnderItsOwnRecording() {
    Stores stores = stores();
    RecordingId recording = recording(stores);
    RecordingId other = recording(stores);
    Share share = share(recording, ShareToken.generate(RANDOM), T0, Optional.empty(), true);
    stores.shares().insert(share);
    assertThat(stores.shares().revoke(other, share.id())).isFalse();
    assertThat(stores.shares().findByTokenHash(share.tokenHash())).get().extracting(Share::revoked).isEqualTo(false);
    assertThat(stores.shares().revoke(recording, share.id())).isTrue();
    assertThat(stores.shares().findByTokenHash(share.tokenHash())).get().extracting(Share::revoked).isEqualTo(true);
    assertThat(stores.shares().revoke(recording, ShareId.random())).isFalse();
  }

  @Test
  void concurrentViewsAreAllCounted() throws Exception {
    Stores stores = stores();
    Share share = share(recording(stores), ShareToken.generate(RANDOM), T0, Optional.empty(), true);
    stores.shares().insert(share);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> views = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        views.add(pool.submit(() -> stores.shares().countView(share)));
      }
      for (Future<?> view : views) {
        view.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(stores.shares().findByTokenHash(share.tokenHash())).get().extracting(Share::views).isEqualTo(20L);
    stores.shares().countView(share(recording(stores), ShareToken.generate(RANDOM), T0, Optional.empty(), true));
  }

  private static RecordingId recording(Stores stores) {
    PendingRecording recording = TestRecordings.pending("alice@example.com", "room-1", T0);
    stores.recordings().insert(recording);
    return recording.id();
  }

  private static Share share(RecordingId recording, ShareToken token, Instant createdAt, Optional<String> passcodeHash,
      boolean allowDownload) {
    return new Share(ShareId.random(), recording, token.hash(), createdAt, createdAt.plus(Duration.ofDays(7)),
        passcodeHash, allowDownload, false, 0);
  }
}

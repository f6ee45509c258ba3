package io.chatvideo.recording.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.testing.TestRecordings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordingLifecycleTest {

  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

  @Test
  void aPendingRecordingCompletesWithItsStoredSize() {
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    CompletedRecording done = pending.complete(1234, Optional.empty(), T0.plusSeconds(3), Optional.empty());
    assertThat(done.status()).isEqualTo(RecordingStatus.COMPLETED);
    assertThat(done.details()).isEqualTo(pending.details());
    assertThat(done.storedSize()).isEqualTo(1234);
  }

  @Test
  void moreBytesThanDeclaredCannotComplete() {
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    assertThatThrownBy(() -> pending.complete(1235, Optional.empty(), T0, Optional.empty()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("more than the declared 1234");
  }

  @Test
  void anEmptyObjectCannotComplete() {
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    assertThatThrownBy(() -> pending.complete(0, Optional.empty(), T0, Optional.empty()))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void aPendingRecordingIsAbandonedOnlyAfterItsWindowAndTheGrace() {
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    Duration grace = Duration.ofHours(1);
    assertThat(pending.isAbandonedAt(pending.uploadExpiresAt().plus(grace), grace)).isFalse();
    assertThat(pending.isAbandonedAt(pending.uploadExpiresAt().plus(grace).plusSeconds(1), grace)).isTrue();
    assertThat(pending.abandon(T0).status()).isEqualTo(RecordingStatus.ABANDONED);
  }

  @Test
  void theUploadWindowOnlyGrows() {
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    assertThat(pending.withUploadExpiresAt(T0)).isSameAs(pending);
    assertThat(pending.withUploadExpiresAt(T0.plus(Duration.ofHours(2))).uploadExpiresAt())
        .isEqualTo(T0.plus(Duration.ofHours(2)));
  }

  @Test
  void onlyOwnerAndParticipantsSeeARecording() {
    RecordingDetails details = TestRecordings.details("alice@example.com", "room-1", T0, "bob@example.com");
    assertThat(details.isVisibleTo(UserId.of("alice@example.com"))).isTrue();
    assertThat(details.isVisibleTo(UserId.of("bob@example.com"))).isTrue();
    assertThat(details.isOwnedBy(UserId.of("bob@example.com"))).isFalse();
    assertThat(details.isVisibleTo(UserId.of("mallory@example.com"))).isFalse();
  }
}

package io.chatvideo.recording.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoliciesTest {

  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  @Test
  void retentionDefaultsToThirtyDays() {
    assertThat(RetentionPolicy.defaults().expiresAt(NOW)).isEqualTo(NOW.plus(Duration.ofDays(30)));
  }

  @Test
  void ttlIsEpochSecondsOfTheExpiryRoundedUp() {
    assertThat(RetentionPolicy.ttlEpochSeconds(Instant.ofEpochSecond(1_800_000_000L))).isEqualTo(1_800_000_000L);
    assertThat(RetentionPolicy.ttlEpochSeconds(Instant.ofEpochSecond(1_800_000_000L, 1))).isEqualTo(1_800_000_001L);
  }

  @Test
  void aRecordingIsExpiredFromItsExpiryOn() {
    assertThat(RetentionPolicy.isExpired(NOW, NOW.minusNanos(1))).isFalse();
    assertThat(RetentionPolicy.isExpired(NOW, NOW)).isTrue();
  }

  @Test
  void retentionMustBePositive() {
    assertThatThrownBy(() -> new RetentionPolicy(Duration.ZERO)).hasMessageContaining("positive");
  }

  @Test
  void presignDefaultsAreThirtyMinutesUpAndOneHourDown() {
    PresignPolicy policy = PresignPolicy.defaults();
    Instant far = NOW.plus(Duration.ofDays(30));
    assertThat(policy.uploadExpiry(NOW, far, Optional.empty())).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(policy.downloadExpiry(NOW, far, Optional.empty())).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void aConfigurationOverSevenDaysIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> new PresignPolicy(Duration.ofDays(9), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("upload URL expiry of PT216H exceeds the 7-day limit of presigned URLs (PT168H)");
    assertThatThrownBy(() -> new PresignPolicy(Duration.ofMinutes(30), Duration.ofDays(8)))
        .hasMessageStartingWith("download URL expiry");
    assertThat(new PresignPolicy(Duration.ofDays(7), Duration.ofDays(7)).uploadTtl()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void aDownloadUrlAskedForTenMinutesBeforeExpiryLivesAtMostTenMinutes() {
    Instant recordingExpiresAt = NOW.plus(Duration.ofMinutes(10));
    Instant expiry = PresignPolicy.defaults().downloadExpiry(NOW, recordingExpiresAt, Optional.empty());
    assertThat(Duration.between(NOW, expiry)).isLessThanOrEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void urlsNeverOutliveTheSigningCredentials() {
    Instant credentials = NOW.plus(Duration.ofMinutes(12));
    assertThat(PresignPolicy.defaults().downloadExpiry(NOW, NOW.plus(Duration.ofDays(3)), Optional.of(credentials)))
        .isEqualTo(credentials);
  }

  @Test
  void urlsNeverOutliveSevenDays() {
    PresignPolicy policy = new PresignPolicy(Duration.ofDays(7), Duration.ofDays(7));
    assertThat(policy.downloadExpiry(NOW, NOW.plus(Duration.ofDays(30)), Optional.empty()))
        .isEqualTo(NOW.plus(Duration.ofDays(7)));
  }

  @Test
  void expiredCredentialsCannotSign() {
    assertThatThrownBy(() -> PresignPolicy.defaults().uploadExpiry(NOW, NOW.plus(Duration.ofDays(1)),
        Optional.of(NOW.minusSeconds(1))))
        .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("credentials have expired");
  }

  @Test
  void declaredSizesRunFromOneByteToTheMaximum() {
    SizePolicy sizes = new SizePolicy(1000);
    assertThat(sizes.checkDeclaredSize(1)).isEqualTo(1);
    assertThat(sizes.checkDeclaredSize(1000)).isEqualTo(1000);
    assertThatThrownBy(() -> sizes.checkDeclaredSize(0)).hasMessage("size: must be at least 1 byte");
    assertThatThrownBy(() -> sizes.checkDeclaredSize(-5)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> sizes.checkDeclaredSize(1001)).hasMessageContaining("at most 1000 bytes");
  }

  @Test
  void theSinglePutMaximumCannotExceedFiveGibibytes() {
    assertThat(SizePolicy.defaults().maxSinglePutBytes()).isEqualTo(5L * 1024 * 1024 * 1024);
    assertThatThrownBy(() -> new SizePolicy(5L * 1024 * 1024 * 1024 + 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void partNumbersRunFromOneToTenThousand() {
    assertThat(SizePolicy.checkPartNumber(1)).isEqualTo(1);
    assertThat(SizePolicy.checkPartNumber(10_000)).isEqualTo(10_000);
    assertThatThrownBy(() -> SizePolicy.checkPartNumber(0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SizePolicy.checkPartNumber(10_001)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void everyPartButTheLastHasAtLeastFiveMebibytes() {
    long min = SizePolicy.MIN_PART_BYTES;
    SizePolicy.checkPartSizes(List.of(new StoredPart(1, "a", min), new StoredPart(2, "b", 1)));
    assertThatThrownBy(() -> SizePolicy.checkPartSizes(List.of(new StoredPart(1, "a", min - 1),
        new StoredPart(2, "b", min))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).startsWith("part 1 has"));
    assertThatThrownBy(() -> SizePolicy.checkPartSizes(List.of(new StoredPart(1, "a", SizePolicy.MAX_PART_BYTES + 1))))
        .isInstanceOf(InvalidInputException.class);
  }
}

package io.chatvideo.recording.core.application;

import static io.chatvideo.recording.core.application.CoreFixture.ALICE;
import static io.chatvideo.recording.core.application.CoreFixture.BOB;
import static io.chatvideo.recording.core.application.CoreFixture.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.SharePolicy;
import io.chatvideo.recording.core.port.in.PlayRecordingUseCase.MediaQuery;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.ShareMedia;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LibraryPlaybackTest {

  private final CoreFixture fixture = new CoreFixture();
  private final LibraryPlayback playback = new LibraryPlayback(fixture.repository, fixture.storage,
      new SharePolicy(SharePolicy.DEFAULT_EXPIRY, Duration.ofSeconds(2)), fixture.clock);

  @Test
  void everyRequestGetsAFreshInlineUrlOfTheMediaLifetimeForTheOwnerAndParticipants() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1, 2, 3}, BOB);
    Instant now = fixture.clock.instant();
    PresignedRequest first = playback.media(new MediaQuery(ALICE, id, ShareMedia.ORIGINAL));
    assertThat(first.url().toString()).contains("inline=true");
    assertThat(first.expiresAt()).isEqualTo(now.plusSeconds(2));
    fixture.clock.advance(Duration.ofMinutes(10));
    assertThat(playback.media(new MediaQuery(BOB, id, ShareMedia.ORIGINAL)).expiresAt())
        .as("a paused player asks again and gets a URL signed now").isEqualTo(now.plus(Duration.ofMinutes(10)).plusSeconds(2));
  }

  @Test
  void strangersMediaNotMadeYetAndADeletedRecordingAreNotFound() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> playback.media(new MediaQuery(MALLORY, id, ShareMedia.ORIGINAL)))
        .isInstanceOf(RecordingNotFoundException.class);
    assertThatThrownBy(() -> playback.media(new MediaQuery(ALICE, id, ShareMedia.MP4)))
        .as("no MP4 before processing").isInstanceOf(RecordingNotFoundException.class);
    assertThatThrownBy(() -> playback.media(new MediaQuery(ALICE, id, ShareMedia.POSTER)))
        .isInstanceOf(RecordingNotFoundException.class);
    fixture.repository.delete(id);
    assertThatThrownBy(() -> playback.media(new MediaQuery(ALICE, id, ShareMedia.ORIGINAL)))
        .isInstanceOf(RecordingNotFoundException.class);
  }

  @Test
  void mediaIsNamedInUrlsByLowerCaseNames() {
    assertThat(ShareMedia.named("mp4")).contains(ShareMedia.MP4);
    assertThat(ShareMedia.named("poster")).contains(ShareMedia.POSTER);
    assertThat(ShareMedia.named("MP4")).isEmpty();
    assertThat(ShareMedia.named("download")).isEmpty();
  }
}

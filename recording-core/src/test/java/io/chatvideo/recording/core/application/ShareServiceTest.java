package io.chatvideo.recording.core.application;

import static io.chatvideo.recording.core.application.CoreFixture.ALICE;
import static io.chatvideo.recording.core.application.CoreFixture.BOB;
import static io.chatvideo.recording.core.application.CoreFixture.MALLORY;
import static io.chatvideo.recording.core.application.CoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ForbiddenException;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.LimitExceededException;
import io.chatvideo.recording.core.domain.PasscodeGuessLimit;
import io.chatvideo.recording.core.domain.PasscodeRefusedException;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareExpiredException;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.domain.ShareNotFoundException;
import io.chatvideo.recording.core.domain.SharePolicy;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.ShareRecordingUseCase.CreateShareCommand;
import io.chatvideo.recording.core.port.in.ShareRecordingUseCase.CreatedShare;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.MediaQuery;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.OpenShareCommand;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.ShareMedia;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.SharedRecording;
import io.chatvideo.recording.core.testing.InMemoryPasscodeAttempts;
import io.chatvideo.recording.core.testing.InMemoryShareRepository;
import io.chatvideo.recording.core.testing.PlainPasscodeHasher;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShareServiceTest {

  private final CoreFixture fixture = new CoreFixture();
  private final InMemoryShareRepository shares = new InMemoryShareRepository();
  private final InMemoryPasscodeAttempts attempts = new InMemoryPasscodeAttempts();
  private final ShareService service = service();

  /** A share service on the fixture's stores: two of them are two servers on one store. */
  private ShareService service() {
    return new ShareService(shares, fixture.repository, fixture.storage, new PlainPasscodeHasher(), attempts,
        new PasscodeGuessLimit(5), SharePolicy.defaults(), fixture.clock, new SecureRandom());
  }

  @Test
  void theOwnersLinkLastsSevenDaysAndOnlyTheTokensSha256IsStored() throws Exception {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1, 2, 3});
    CreatedShare created = service.create(command(ALICE, id, Optional.empty(), Optional.empty(), true));
    assertThat(created.share().expiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
    assertThat(created.token().value()).matches("[A-Za-z0-9_-]{43}");
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(created.token().value().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertThat(shares.listByRecording(id)).singleElement().satisfies(stored -> {
      assertThat(stored.tokenHash().hex()).isEqualTo(sha256);
      assertThat(stored.toString()).doesNotContain(created.token().value());
    });
    assertThat(created.token().toString()).doesNotContain(created.token().value());
  }

  @Test
  void theDefaultExpiryStopsAtTheRecordingsAndAskingForMoreIsRefused() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1});
    fixture.clock.advance(Duration.ofDays(26));
    var recordingExpiry = fixture.repository.find(id).orElseThrow().details().expiresAt();
    assertThat(service.create(command(ALICE, id, Optional.empty(), Optional.empty(), true)).share().expiresAt())
        .isEqualTo(recordingExpiry);
    for (Duration wrong : new Duration[] {Duration.ZERO, Duration.ofSeconds(-5), Duration.ofDays(5)}) {
      assertThatThrownBy(() -> service.create(command(ALICE, id, Optional.of(wrong), Optional.empty(), true)))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("expires_in"));
    }
    assertThat(service.create(command(ALICE, id, Optional.of(Duration.ofHours(1)), Optional.empty(), true))
        .share().expiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofHours(1)));
  }

  @Test
  void strangersGetNotFoundAndParticipantsForbiddenOnCreateListAndRevoke() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1}, BOB);
    Share share = service.create(command(ALICE, id, Optional.empty(), Optional.empty(), true)).share();
    Map<UserId, Class<? extends RuntimeException>> expected = Map.of(
        MALLORY, RecordingNotFoundException.class, BOB, ForbiddenException.class);
    expected.forEach((other, refusal) -> {
      assertThatThrownBy(() -> service.create(command(other, id, Optional.empty(), Optional.empty(), true)))
          .isInstanceOf(refusal);
      assertThatThrownBy(() -> service.list(other, id)).isInstanceOf(refusal);
      assertThatThrownBy(() -> service.revoke(other, id, share.id())).isInstanceOf(refusal);
    });
    assertThat(service.list(ALICE, id)).singleElement().extracting(Share::revoked).isEqualTo(false);
  }

  @Test
  void aParticipantGetsTheSameAnswerFromShareAsFromDelete() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1}, BOB);
    var removal = fixture.recordings.deleteRecording();
    Throwable fromDelete = catchThrowable(() -> removal.delete(BOB, id));
    Throwable fromShare = catchThrowable(
        () -> service.create(command(BOB, id, Optional.empty(), Optional.empty(), true)));
    assertThat(fromShare).isInstanceOf(ForbiddenException.class).hasSameClassAs(fromDelete);
    Throwable strangerDelete = catchThrowable(() -> removal.delete(MALLORY, id));
    Throwable strangerShare = catchThrowable(() -> service.list(MALLORY, id));
    assertThat(strangerShare).isInstanceOf(RecordingNotFoundException.class).hasSameClassAs(strangerDelete);
  }

  @Test
  void anUnfinishedUploadCannotBeShared() {
    RecordingId id = fixture.requestUpload(ALICE, 10).recordingId();
    assertThatThrownBy(() -> service.create(command(ALICE, id, Optional.empty(), Optional.empty(), true)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void openingCountsAViewAndHandsOutMediaUrlsForFiveMinutes() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1});
    CreatedShare created = service.create(command(ALICE, id, Optional.empty(), Optional.empty(), false));
    SharedRecording shared = service.open(open(created.token().value(), Optional.empty()));
    assertThat(shared.media().expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(shared.media().url().toString()).contains(fixture.repository.find(id).orElseThrow().details().objectKey().value());
    assertThat(shared.download()).isEmpty();
    assertThat(shared.hasPoster()).isFalse();
    assertThat(shared.playing()).isEqualTo(ShareMedia.ORIGINAL);
    service.open(open(created.token().value(), Optional.empty()));
    assertThat(service.list(ALICE, id)).singleElement().extracting(Share::views).isEqualTo(2L);
  }

  @Test
  void aMediaUrlNeverOutlivesItsLink() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1});
    CreatedShare created = service.create(command(ALICE, id, Optional.of(Duration.ofMinutes(2)), Optional.empty(), true));
    SharedRecording shared = service.open(open(created.token().value(), Optional.empty()));
    assertThat(shared.media().expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
    assertThat(shared.download()).get().extracting(d -> d.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
  }

  @Test
  void unknownTamperedRevokedAndExpiredLinksAreRefused() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1});
    CreatedShare created = service.create(command(ALICE, id, Optional.of(Duration.ofHours(1)), Optional.empty(), true));
    String token = created.token().value();
    String tampered = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
    for (String wrong : new String[] {tampered, token.substring(1), token + "x", "", "../../etc"}) {
      assertThatThrownBy(() -> service.open(open(wrong, Optional.empty()))).isInstanceOf(ShareNotFoundException.class);
    }
    fixture.clock.advance(Duration.ofHours(1));
    assertThatThrownBy(() -> service.open(open(token, Optional.empty()))).isInstanceOf(ShareExpiredException.class);
    CreatedShare other = service.create(command(ALICE, id, Optional.empty(), Optional.empty(), true));
    service.revoke(ALICE, id, other.share().id());
    assertThatThrownBy(() -> service.open(open(other.token().value(), Optional.empty())))
        .isInstanceOf(ShareNotFoundException.class);
    assertThatThrownBy(() -> service.revoke(ALICE, id, ShareId.random())).isInstanceOf(ShareNotFoundException.class);
  }

  @Test
  void aDeletedRecordingKillsItsLinks() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1});
    CreatedShare created = service.create(command(ALICE, id, Optional.empty(), Optional.empty(), true));
    fixture.recordings.deleteRecording().delete(ALICE, id);
    assertThatThrownBy(() -> service.open(open(created.token().value(), Optional.empty())))
        .isInstanceOf(ShareNotFoundException.class);
  }

  @Test
  void aPasscodeIsStoredHashedAndMustBeGiven() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1});
    CreatedShare created = service.create(command(ALICE, id, Optional.empty(), Optional.of("open sesame"), true));
    assertThat(created.share().passcodeHash()).contains(new PlainPasscodeHasher().hash("open sesame"));
    String token = created.token().value();
    assertThatThrownBy(() -> service.open(open(token, Optional.empty())))
        .isInstanceOfSatisfying(PasscodeRefusedException.class, e -> assertThat(e.given()).isFalse());
    assertThatThrownBy(() -> service.open(open(token, Optional.of("open sesame!"))))
        .isInstanceOfSatisfying(PasscodeRefusedException.class, e -> assertThat(e.given()).isTrue());
    assertThat(service.open(open(token, Optional.of("open sesame"))).share().id()).isEqualTo(created.share().id());
    assertThat(service.list(ALICE, id)).singleElement().extracting(Share::views).isEqualTo(1L);
  }

  @Test
  void aPasscodeTooShortOrTooLongIsRefusedByName() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1});
    for (String wrong : new String[] {"abc", "x".repeat(65), "abcd\n"}) {
      assertThatThrownBy(() -> service.create(command(ALICE, id, Optional.empty(), Optional.of(wrong), true)))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("passcode"));
    }
  }

  @Test
  void passcodeTriesAreCountedPerLinkOnlyOnceItsTokenIsFoundAndSharedByEveryServerOnTheStore() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1});
    String token = service.create(command(ALICE, id, Optional.empty(), Optional.of("open sesame"), true)).token().value();
    String unknown = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(() -> service.open(open(unknown, Optional.of("guess")))).isInstanceOf(ShareNotFoundException.class);
    }
    ShareService otherServer = service();
    for (int i = 0; i < 5; i++) {
      ShareService server = i % 2 == 0 ? service : otherServer;
      assertThatThrownBy(() -> server.open(open(token, Optional.of("wrong!"))))
          .isInstanceOf(PasscodeRefusedException.class);
    }
    assertThatThrownBy(() -> otherServer.open(open(token, Optional.of("open sesame"))))
        .isInstanceOfSatisfying(LimitExceededException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
    fixture.clock.advance(Duration.ofSeconds(59));
    assertThatThrownBy(() -> service.open(open(token, Optional.of("open sesame"))))
        .isInstanceOfSatisfying(LimitExceededException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    fixture.clock.advance(Duration.ofSeconds(1));
    assertThat(service.open(open(token, Optional.of("open sesame"))).share().views()).isZero();
  }

  @Test
  void oneAddressRunsOutOfTriesOnAnyLinkWhileOthersStillUnlock() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1});
    String first = service.create(command(ALICE, id, Optional.empty(), Optional.of("open sesame"), true)).token().value();
    String second = service.create(command(ALICE, id, Optional.empty(), Optional.of("open sesame"), true)).token().value();
    for (int i = 0; i < 5; i++) {
      String token = i % 2 == 0 ? first : second;
      assertThatThrownBy(() -> service.open(new OpenShareCommand(token, Optional.of("wrong!"), Optional.of("203.0.113.9"))))
          .isInstanceOf(PasscodeRefusedException.class);
    }
    assertThatThrownBy(() -> service.open(new OpenShareCommand(second, Optional.of("open sesame"),
        Optional.of("203.0.113.9")))).isInstanceOf(LimitExceededException.class);
    assertThat(service.open(new OpenShareCommand(second, Optional.of("open sesame"), Optional.of("198.51.100.7")))
        .share().tokenHash()).isNotNull();
  }

  @Test
  void mediaIsSignedInlineOnEveryRequestAndStopsAtRevocation() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1});
    CreatedShare created = service.create(command(ALICE, id, Optional.empty(), Optional.empty(), false));
    String token = created.token().value();
    var media = service.media(new MediaQuery(token, ShareMedia.ORIGINAL, Optional.empty()));
    assertThat(media.url().toString()).contains("inline=true");
    assertThat(media.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThatThrownBy(() -> service.media(new MediaQuery(token, ShareMedia.MP4, Optional.empty())))
        .isInstanceOf(ShareNotFoundException.class);
    assertThatThrownBy(() -> service.media(new MediaQuery(token, ShareMedia.POSTER, Optional.empty())))
        .isInstanceOf(ShareNotFoundException.class);
    assertThat(service.list(ALICE, id)).singleElement().extracting(Share::views).isEqualTo(0L);
    service.revoke(ALICE, id, created.share().id());
    assertThatThrownBy(() -> service.media(new MediaQuery(token, ShareMedia.ORIGINAL, Optional.empty())))
        .isInstanceOf(ShareNotFoundException.class);
  }

  @Test
  void aPasscodeLinksMediaNeedsTheGrantItsUnlockGave() {
    RecordingId id = fixture.uploadCompleted(ALICE, new byte[] {1});
    String token = service.create(command(ALICE, id, Optional.empty(), Optional.of("open sesame"), true)).token().value();
    String grant = service.open(open(token, Optional.of("open sesame"))).grant().orElseThrow();
    assertThat(service.media(new MediaQuery(token, ShareMedia.ORIGINAL, Optional.of(grant))).url().toString())
        .contains("inline=true");
    String forged = grant.substring(0, grant.indexOf('.')) + ".AAAA" + grant.substring(grant.indexOf('.') + 5);
    String later = (Long.parseLong(grant.substring(0, grant.indexOf('.'))) + 3600) + grant.substring(grant.indexOf('.'));
    for (Optional<String> wrong : List.of(Optional.<String>empty(), Optional.of(forged), Optional.of(later),
        Optional.of("x"), Optional.of("."), Optional.of("99999999999999999999.AAAA"))) {
      assertThatThrownBy(() -> service.media(new MediaQuery(token, ShareMedia.ORIGINAL, wrong)))
          .isInstanceOf(ShareNotFoundException.class);
    }
    fixture.clock.advance(ShareService.GRANT_LIFETIME);
    assertThatThrownBy(() -> service.media(new MediaQuery(token, ShareMedia.ORIGINAL, Optional.of(grant))))
        .isInstanceOf(ShareNotFoundException.class);
  }

  private static OpenShareCommand open(String token, Optional<String> passcode) {
    return new OpenShareCommand(token, passcode, Optional.empty());
  }

  private static CreateShareCommand command(UserId caller, RecordingId id, Optional<Duration> expiresIn,
      Optional<String> passcode, boolean allowDownload) {
    return new CreateShareCommand(caller, id, expiresIn, passcode, allowDownload);
  }
}

package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PasscodeRefusedException;
import io.chatvideo.recording.core.domain.Processing;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareExpiredException;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.domain.SharePolicy;
import io.chatvideo.recording.core.domain.ShareToken;
import io.chatvideo.recording.core.domain.ShareNotFoundException;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.ShareRecordingUseCase;
import io.chatvideo.recording.core.port.in.WatchShareUseCase;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.MediaQuery;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.OpenShareCommand;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.ShareMedia;
import io.chatvideo.recording.core.domain.LimitExceededException;
import io.chatvideo.recording.core.domain.PasscodeBudget;
import io.chatvideo.recording.core.domain.PasscodeGuessLimit;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import io.chatvideo.recording.core.port.out.PasscodeHasher;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.ShareRepository;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.List;
import java.util.Optional;

/**
 * Share links: the owner's side (create, list, revoke; who owns is {@link RecordingAccess}'s answer:
 * a stranger gets not found, a participant forbidden) and the watcher's (open by token). A link
 * is live while it is not revoked, not expired, and its recording is still there, COMPLETED and
 * not expired; so deleting or expiring a recording kills its links without touching them.
 *
 * <p>Passcode tries are counted in the store ({@link PasscodeAttempts}), per link and per client
 * address, only once the token names a live link with a passcode: a guess at an unknown token
 * spends no one's budget. A link's media is handed out one request at a time ({@link #media}),
 * each checked against the link as it is then; a passcode link's media requests carry a grant
 * made when the passcode was right, an HMAC keyed by the passcode's stored hash, so every server
 * on the store can check it and no new secret is needed.
 */
final class ShareService implements ShareRecordingUseCase, WatchShareUseCase {

  /** bcrypt reads at most 72 bytes; a passcode is short by nature, so the bound is stated, not truncated. */
  static final int MAX_PASSCODE_LENGTH = 64;
  static final int MIN_PASSCODE_LENGTH = 4;

  private final ShareRepository shares;
  private final RecordingRepository recordings;
  private final RecordingAccess access;
  private final ObjectStorage storage;
  private final PasscodeHasher hasher;
  private final PasscodeAttempts attempts;
  private final PasscodeGuessLimit guesses;
  private final SharePolicy policy;
  private final Clock clock;
  private final SecureRandom random;

  /** How long a passcode link's media grant works, at most (never past the link's expiry). */
  static final Duration GRANT_LIFETIME = Duration.ofHours(12);

  ShareService(ShareRepository shares, RecordingRepository recordings, ObjectStorage storage, PasscodeHasher hasher,
      PasscodeAttempts attempts, PasscodeGuessLimit guesses, SharePolicy policy, Clock clock, SecureRandom random) {
    this.shares = shares;
    this.recordings = recordings;
    this.access = new RecordingAccess(recordings);
    this.storage = storage;
    this.hasher = hasher;
    this.attempts = attempts;
    this.guesses = guesses;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public CreatedShare create(CreateShareCommand command) {
    Instant now = clock.instant();
    Recording recording = access.owned(command.caller(), command.recordingId(), now);
    if (!(recording instanceof CompletedRecording)) {
      throw new ConflictException("recording " + recording.id() + " is not COMPLETED yet; only an uploaded recording can be shared");
    }
    Instant expiresAt = policy.linkExpiry(now, command.expiresIn(), recording.details().expiresAt());
    Optional<String> passcodeHash = command.passcode().map(ShareService::checkPasscode).map(hasher::hash);
    ShareToken token = ShareToken.generate(random);
    Share share = new Share(ShareId.random(), recording.id(), token.hash(), now, expiresAt, passcodeHash,
        command.allowDownload(), false, 0);
    shares.insert(share);
    return new CreatedShare(share, token);
  }

  @Override
  public List<Share> list(UserId caller, RecordingId recordingId) {
    access.owned(caller, recordingId, clock.instant());
    return shares.listByRecording(recordingId);
  }

  @Override
  public void revoke(UserId caller, RecordingId recordingId, ShareId shareId) {
    access.owned(caller, recordingId, clock.instant());
    if (!shares.revoke(recordingId, shareId)) {
      throw new ShareNotFoundException("recording " + recordingId + " has no share " + shareId);
    }
  }

  @Override
  public SharedRecording open(OpenShareCommand command) {
    Instant now = clock.instant();
    LiveShare live = live(command.token(), now);
    Share share = live.share();
    if (share.passcodeHash().isPresent()) {
      String given = command.passcode().filter(p -> !p.isEmpty())
          .orElseThrow(() -> new PasscodeRefusedException(false));
      spendGuess(PasscodeBudget.forLink(share.tokenHash()), now);
      command.clientAddress().map(PasscodeBudget::forAddress).ifPresent(address -> spendGuess(address, now));
      if (given.length() > MAX_PASSCODE_LENGTH || !hasher.matches(given, share.passcodeHash().get())) {
        throw new PasscodeRefusedException(true);
      }
    }
    if (command.countsView()) {
      shares.countView(share);
    }
    return shared(share, live.recording(), now);
  }

  @Override
  public PresignedRequest media(MediaQuery query) {
    Instant now = clock.instant();
    LiveShare live = granted(query.token(), query.grant(), now);
    Share share = live.share();
    CompletedRecording recording = live.recording();
    return InlineMedia.sign(storage, recording, query.media(), mediaExpiry(share, recording, now))
        .orElseThrow(ShareService::unknown);
  }

  @Override
  public CompletedRecording recording(String token, Optional<String> grant) {
    return granted(token, grant, clock.instant()).recording();
  }

  /** A live link whose passcode, if it has one, was shown: {@code grant} holds. */
  private LiveShare granted(String token, Optional<String> grant, Instant now) {
    LiveShare live = live(token, now);
    Share share = live.share();
    if (share.passcodeHash().isPresent() && !grant.filter(g -> grantHolds(share, g, now)).isPresent()) {
      throw unknown(); // no passcode shown: the link's media is as unknown as a wrong token
    }
    return live;
  }

  /** The link named by {@code token} and its recording, both live; else not found or expired. */
  private LiveShare live(String token, Instant now) {
    Share share = ShareToken.parse(token).flatMap(t -> shares.findByTokenHash(t.hash()))
        .filter(s -> !s.revoked())
        .orElseThrow(ShareService::unknown);
    CompletedRecording recording = recordings.find(share.recordingId())
        .filter(r -> r instanceof CompletedRecording && !r.details().isExpired(now))
        .map(CompletedRecording.class::cast)
        .orElseThrow(ShareService::unknown);
    if (share.isExpired(now)) {
      throw new ShareExpiredException();
    }
    return new LiveShare(share, recording);
  }

  private record LiveShare(Share share, CompletedRecording recording) {}

  private void spendGuess(PasscodeBudget budget, Instant now) {
    PasscodeAttempts.Tries tries = attempts.count(budget, now, PasscodeGuessLimit.WINDOW);
    if (tries.count() > guesses.perMinute()) {
      throw new LimitExceededException("too many passcode tries in this minute",
          guesses.retryAfter(tries.windowStart(), now));
    }
  }

  private SharedRecording shared(Share share, CompletedRecording recording, Instant now) {
    RecordingDetails details = recording.details();
    Instant expiry = mediaExpiry(share, recording, now);
    Optional<Processing> ready = ready(recording);
    Optional<ObjectKey> mp4 = ready.flatMap(p -> p.mp4()).map(r -> r.key());
    ObjectKey key = mp4.orElse(details.objectKey());
    ContentType type = mp4.isPresent() ? ContentType.MP4 : details.contentType();
    Filename filename = mp4.isPresent() ? RecordingQueries.renamed(details.filename(), "mp4") : details.filename();
    Optional<PresignedRequest> download = share.allowDownload()
        ? Optional.of(storage.presignGet(key, type, filename, expiry)) : Optional.empty();
    Optional<String> grant = share.passcodeHash().map(hash -> grant(share, grantExpiry(share, now)));
    return new SharedRecording(share, recording, mp4.isPresent() ? ShareMedia.MP4 : ShareMedia.ORIGINAL, type,
        storage.presignInline(key, type, expiry), ready.flatMap(p -> p.thumbnail()).isPresent(), download, grant);
  }

  private Instant mediaExpiry(Share share, CompletedRecording recording, Instant now) {
    Instant expiry = policy.mediaExpiry(now, share, recording.details().expiresAt(), storage.credentialsExpiry());
    if (!expiry.isAfter(now)) {
      throw unknown(); // the signing credentials have run out: nothing playable can be handed out
    }
    return expiry;
  }

  private static Optional<Processing> ready(CompletedRecording recording) {
    return recording.processing().state() == ProcessingState.READY ? Optional.of(recording.processing())
        : Optional.empty();
  }

  private static Instant grantExpiry(Share share, Instant now) {
    Instant capped = now.plus(GRANT_LIFETIME);
    return capped.isBefore(share.expiresAt()) ? capped : share.expiresAt();
  }

  /** {@code {expires epoch seconds}.{base64url HMAC-SHA256}}, keyed by the passcode's stored hash. */
  private static String grant(Share share, Instant expiresAt) {
    long expires = expiresAt.getEpochSecond();
    return expires + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(grantMac(share, expires));
  }

  private static boolean grantHolds(Share share, String grant, Instant now) {
    int dot = grant.indexOf('.');
    if (dot < 1 || dot > 12 || !grant.substring(0, dot).chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    long expires = Long.parseLong(grant.substring(0, dot));
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(grant.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, grantMac(share, expires)) && now.getEpochSecond() < expires;
  }

  private static byte[] grantMac(Share share, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(share.passcodeHash().orElseThrow().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(("share-media-v1\n" + share.tokenHash().hex() + "\n" + expires)
          .getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  private static String checkPasscode(String passcode) {
    if (passcode.length() < MIN_PASSCODE_LENGTH || passcode.length() > MAX_PASSCODE_LENGTH) {
      throw new InvalidInputException("passcode", "must be " + MIN_PASSCODE_LENGTH + " to " + MAX_PASSCODE_LENGTH
          + " characters");
    }
    if (passcode.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("passcode", "must not contain control characters");
    }
    return passcode;
  }

  private static ShareNotFoundException unknown() {
    return new ShareNotFoundException("no live share link has this token");
  }
}

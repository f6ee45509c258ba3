package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PasscodeRefusedException;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareExpiredException;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.domain.SharePolicy;
import io.chatvideo.recording.core.domain.ShareToken;
import io.chatvideo.recording.core.domain.ShareNotFoundException;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.ShareRecordingUseCase;
import io.chatvideo.recording.core.port.in.WatchShareUseCase;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PasscodeHasher;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.ShareRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Share links: the owner's side (create, list, revoke) and the watcher's (open by token). A link
 * is live while it is not revoked, not expired, and its recording is still there, COMPLETED and
 * not expired; so deleting or expiring a recording kills its links without touching them.
 */
final class ShareService implements ShareRecordingUseCase, WatchShareUseCase {

  /** bcrypt reads at most 72 bytes; a passcode is short by nature, so the bound is stated, not truncated. */
  static final int MAX_PASSCODE_LENGTH = 64;
  static final int MIN_PASSCODE_LENGTH = 4;

  private final ShareRepository shares;
  private final RecordingRepository recordings;
  private final ObjectStorage storage;
  private final PasscodeHasher hasher;
  private final SharePolicy policy;
  private final Clock clock;
  private final SecureRandom random;

  ShareService(ShareRepository shares, RecordingRepository recordings, ObjectStorage storage, PasscodeHasher hasher,
      SharePolicy policy, Clock clock, SecureRandom random) {
    this.shares = shares;
    this.recordings = recordings;
    this.storage = storage;
    this.hasher = hasher;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public CreatedShare create(CreateShareCommand command) {
    Instant now = clock.instant();
    Recording recording = owned(command.caller(), command.recordingId(), now);
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
    owned(caller, recordingId, clock.instant());
    return shares.listByRecording(recordingId);
  }

  @Override
  public void revoke(UserId caller, RecordingId recordingId, ShareId shareId) {
    owned(caller, recordingId, clock.instant());
    if (!shares.revoke(recordingId, shareId)) {
      throw new ShareNotFoundException("recording " + recordingId + " has no share " + shareId);
    }
  }

  @Override
  public SharedRecording open(String token, Optional<String> passcode) {
    Instant now = clock.instant();
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
    if (share.passcodeHash().isPresent()) {
      String given = passcode.filter(p -> !p.isEmpty()).orElseThrow(() -> new PasscodeRefusedException(false));
      if (given.length() > MAX_PASSCODE_LENGTH || !hasher.matches(given, share.passcodeHash().get())) {
        throw new PasscodeRefusedException(true);
      }
    }
    shares.countView(share);
    return media(share, recording, now);
  }

  private SharedRecording media(Share share, CompletedRecording recording, Instant now) {
    RecordingDetails details = recording.details();
    Instant expiry = policy.mediaExpiry(now, share, details.expiresAt(), storage.credentialsExpiry());
    if (!expiry.isAfter(now)) {
      throw unknown(); // the signing credentials have run out: nothing playable can be handed out
    }
    boolean ready = recording.processing().state() == ProcessingState.READY;
    Optional<ObjectKey> mp4 = ready ? recording.processing().mp4().map(r -> r.key()) : Optional.empty();
    ObjectKey key = mp4.orElse(details.objectKey());
    ContentType type = mp4.isPresent() ? ContentType.MP4 : details.contentType();
    Filename filename = mp4.isPresent() ? RecordingQueries.renamed(details.filename(), "mp4") : details.filename();
    PresignedRequest media = storage.presignGet(key, type, filename, expiry);
    Optional<PresignedRequest> poster = ready ? recording.processing().thumbnail().map(thumbnail -> storage.presignGet(
        thumbnail.key(), ContentType.JPEG, RecordingQueries.renamed(details.filename(), "jpg"), expiry)) : Optional.empty();
    return new SharedRecording(share, recording, media, type, poster,
        share.allowDownload() ? Optional.of(media) : Optional.empty());
  }

  /** The caller's own recording, not expired; participants and strangers alike get not found. */
  private Recording owned(UserId caller, RecordingId id, Instant now) {
    return recordings.find(id)
        .filter(r -> r.details().isOwnedBy(caller) && !r.details().isExpired(now))
        .orElseThrow(() -> new RecordingNotFoundException(id));
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

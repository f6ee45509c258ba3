package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.SharePolicy;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.in.PlayRecordingUseCase;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import java.time.Clock;
import java.time.Instant;

/**
 * The library's player: every request goes through {@link RecordingAccess} as it is then, and
 * gets a URL that lives as long as a watch page's ({@link SharePolicy#mediaTtl()}), so a
 * recording deleted mid-play stops at the player's next request.
 */
final class LibraryPlayback implements PlayRecordingUseCase {

  private final RecordingAccess access;
  private final ObjectStorage storage;
  private final SharePolicy policy;
  private final Clock clock;

  LibraryPlayback(RecordingRepository repository, ObjectStorage storage, SharePolicy policy, Clock clock) {
    this.access = new RecordingAccess(repository);
    this.storage = storage;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public PresignedRequest media(MediaQuery query) {
    Instant now = clock.instant();
    if (!(access.visible(query.caller(), query.id(), now) instanceof CompletedRecording recording)) {
      throw new RecordingNotFoundException(query.id());
    }
    Instant expiry = policy.mediaExpiry(now, recording.details().expiresAt(), storage.credentialsExpiry());
    if (!expiry.isAfter(now)) {
      throw new StorageUnavailableException("the storage credentials have expired; cannot sign a URL");
    }
    return InlineMedia.sign(storage, recording, query.media(), expiry)
        .orElseThrow(() -> new RecordingNotFoundException(query.id()));
  }
}

package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.domain.ShareTokenHash;
import java.util.List;
import java.util.Optional;

/**
 * Where share links live (SQLite, DynamoDB, …). Implementations throw {@link
 * io.chatvideo.recording.core.domain.StorageUnavailableException} when the store cannot be
 * reached, and must be safe for concurrent use. Links are returned as stored, revoked or expired;
 * the core decides what is live.
 */
public interface ShareRepository {

  /** Stores a new link; a {@code ConflictException} if its id or token hash is taken. */
  void insert(Share share);

  /** The link whose token hashes to {@code hash}. */
  Optional<Share> findByTokenHash(ShareTokenHash hash);

  /** The links of one recording, oldest first. */
  List<Share> listByRecording(RecordingId recordingId);

  /** Marks the link revoked; false when {@code recordingId} has no link {@code id}. */
  boolean revoke(RecordingId recordingId, ShareId id);

  /** Adds one to the link's view count, atomically; nothing happens when it is gone. */
  void countView(Share share);
}

package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.domain.ShareToken;
import io.chatvideo.recording.core.domain.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Share links to a completed recording, made, listed and revoked by its owner only; anyone else,
 * participants included, gets {@code RecordingNotFoundException} as for a recording they cannot see.
 */
public interface ShareRecordingUseCase {

  /** A new link; the token is in the answer only, never stored. */
  CreatedShare create(CreateShareCommand command);

  List<Share> list(UserId caller, RecordingId recordingId);

  /** Revokes at once; {@code ShareNotFoundException} when the recording has no such link. */
  void revoke(UserId caller, RecordingId recordingId, ShareId shareId);

  /** {@code expiresIn} empty: the default (7 days, capped at the recording's expiry). */
  record CreateShareCommand(UserId caller, RecordingId recordingId, Optional<Duration> expiresIn,
      Optional<String> passcode, boolean allowDownload) {

    public CreateShareCommand {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(recordingId, "recordingId");
      Objects.requireNonNull(expiresIn, "expiresIn");
      Objects.requireNonNull(passcode, "passcode");
    }
  }

  record CreatedShare(Share share, ShareToken token) {

    public CreatedShare {
      Objects.requireNonNull(share, "share");
      Objects.requireNonNull(token, "token");
    }
  }
}

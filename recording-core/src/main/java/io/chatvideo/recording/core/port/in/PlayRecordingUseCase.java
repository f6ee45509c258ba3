package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.ShareMedia;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.util.Objects;

/**
 * The media of a recording for its signed-in owner or participant, one request at a time: each
 * call checks who may see the recording now and signs a fresh short-lived URL that a player shows
 * inline ({@code recording.shares.media-url-expiry}, as a watch page's). A player that pauses past
 * that lifetime asks again and gets a new one; a deleted or expired recording is refused at once.
 *
 * <pre>{@code
 * PresignedRequest video = play.media(new MediaQuery(caller, id, ShareMedia.MP4));
 * }</pre>
 */
public interface PlayRecordingUseCase {

  /**
   * {@code RecordingNotFoundException} for a recording the caller may not see, one not COMPLETED,
   * or media it lacks (an MP4 or poster before processing made them).
   */
  PresignedRequest media(MediaQuery query);

  record MediaQuery(UserId caller, RecordingId id, ShareMedia media) {

    public MediaQuery {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(media, "media");
    }
  }
}

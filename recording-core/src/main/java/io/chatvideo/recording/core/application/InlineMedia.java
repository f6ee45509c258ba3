package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Processing;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.ShareMedia;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * One medium of a COMPLETED recording signed for a player, inline: the one place that knows which
 * object each medium is, for a share link's watch page and the owner's library alike. Empty when
 * the recording lacks it (no MP4, poster or storyboard before processing is ready, no storyboard
 * when processing could not make one).
 */
final class InlineMedia {

  private InlineMedia() {}

  static Optional<PresignedRequest> sign(ObjectStorage storage, CompletedRecording recording, ShareMedia media,
      Instant expiry) {
    Optional<Processing> ready = recording.processing().state() == ProcessingState.READY
        ? Optional.of(recording.processing()) : Optional.empty();
    return switch (media) {
      case ORIGINAL -> Optional.of(storage.presignInline(recording.details().objectKey(),
          recording.details().contentType(), expiry));
      case MP4 -> ready.flatMap(Processing::mp4).map(mp4 -> storage.presignInline(mp4.key(), ContentType.MP4, expiry));
      case POSTER -> ready.flatMap(Processing::thumbnail)
          .map(poster -> storage.presignInline(poster.key(), ContentType.JPEG, expiry));
      case STORYBOARD_JPG -> ready.flatMap(Processing::storyboard)
          .map(sprite -> storage.presignInline(sprite.key(), ContentType.JPEG, expiry));
      case STORYBOARD_VTT -> ready.flatMap(Processing::storyboard).map(sprite ->
          storage.presignInline(recording.details().objectKey().storyboardTrack(), ContentType.VTT, expiry));
    };
  }
}

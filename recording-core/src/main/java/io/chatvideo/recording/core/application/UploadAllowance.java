package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.LimitExceededException;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.UploadUsage;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks {@link UploadLimits} before a new upload is started, from the owner's {@link
 * RecordingRepository#uploadUsage} of the last {@link UploadLimits#DAY}: one aggregate read on
 * every backend (this runs on every upload request), and a read only, so a refused request writes
 * nothing anywhere. A pending multipart upload started more than a day ago is not counted; its
 * bytes count once it completes. How much of a very busy day is read is the repository's to say:
 * SQLite sums the whole day; DynamoDB reads the newest 1,000 recordings of it, the bound this
 * check had when it read the listing.
 */
final class UploadAllowance {

  private final RecordingRepository repository;
  private final UploadLimits limits;

  UploadAllowance(RecordingRepository repository, UploadLimits limits) {
    this.repository = repository;
    this.limits = limits;
  }

  /** Refuses the upload when the owner has too many open uploads or the new bytes overflow the day. */
  void check(UserId owner, long newBytes, Instant now) {
    UploadUsage usage = repository.uploadUsage(owner, now.minus(UploadLimits.DAY), now);
    if (usage.openUploads() >= limits.maxPendingUploads()) {
      throw new LimitExceededException("you have " + usage.openUploads() + " uploads in progress, the most allowed; "
          + "complete or abort one first", Duration.between(now, usage.earliestOpenWindowEnd().orElseThrow()));
    }
    if (usage.bytes() + Math.max(newBytes, 1) > limits.maxBytesPerDay()) {
      throw new LimitExceededException("this upload would take your recordings of the last 24 hours past "
          + limits.maxBytesPerDay() + " bytes",
          Duration.between(now, usage.oldestCreatedAt().orElse(now).plus(UploadLimits.DAY)));
    }
  }
}

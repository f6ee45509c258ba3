package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.LimitExceededException;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.RecordingRepository.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks {@link UploadLimits} before a new upload is started, by reading the owner's listing
 * (newest first) back one {@link UploadLimits#DAY}: the same port query on every backend, and a
 * read only, so a refused request writes nothing anywhere. The read stops after the newest {@value
 * #SCANNED} recordings: open uploads are among the newest (their window is minutes to hours), but
 * a user starting more than that many recordings a day has only those counted towards the bytes
 * of the day. A pending multipart upload started more than a day ago is not counted either; its
 * bytes count once it completes.
 */
final class UploadAllowance {

  private static final int PAGE = 200;
  private static final int MAX_PAGES = 5;
  static final int SCANNED = PAGE * MAX_PAGES;

  private final RecordingRepository repository;
  private final UploadLimits limits;

  UploadAllowance(RecordingRepository repository, UploadLimits limits) {
    this.repository = repository;
    this.limits = limits;
  }

  /** Refuses the upload when the owner has too many open uploads or the new bytes overflow the day. */
  void check(UserId owner, long newBytes, Instant now) {
    Instant dayStart = now.minus(UploadLimits.DAY);
    int pending = 0;
    long bytes = 0;
    Instant oldestPendingWindow = null;
    Instant oldestInDay = now;
    Optional<String> cursor = Optional.empty();
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      Page page = repository.listByOwner(owner, now, PAGE, cursor);
      for (Recording recording : page.recordings()) {
        Instant created = recording.details().createdAt();
        if (created.isBefore(dayStart)) {
          decide(pending, bytes, newBytes, oldestPendingWindow, oldestInDay, now);
          return;
        }
        oldestInDay = created;
        if (recording instanceof PendingRecording open && open.uploadExpiresAt().isAfter(now)) {
          pending++;
          oldestPendingWindow = oldestPendingWindow == null || open.uploadExpiresAt().isBefore(oldestPendingWindow)
              ? open.uploadExpiresAt() : oldestPendingWindow;
          bytes += open.details().declaredSize().orElse(0);
        } else if (recording instanceof CompletedRecording done) {
          bytes += done.storedSize();
        }
      }
      if (page.nextCursor().isEmpty()) {
        break;
      }
      cursor = page.nextCursor();
    }
    decide(pending, bytes, newBytes, oldestPendingWindow, oldestInDay, now);
  }

  private void decide(int pending, long bytes, long newBytes, Instant oldestPendingWindow, Instant oldestInDay,
      Instant now) {
    if (pending >= limits.maxPendingUploads()) {
      throw new LimitExceededException("you have " + pending + " uploads in progress, the most allowed; complete or "
          + "abort one first", Duration.between(now, oldestPendingWindow));
    }
    if (bytes + Math.max(newBytes, 1) > limits.maxBytesPerDay()) {
      throw new LimitExceededException("this upload would take your recordings of the last 24 hours past "
          + limits.maxBytesPerDay() + " bytes", Duration.between(now, oldestInDay.plus(UploadLimits.DAY)));
    }
  }
}

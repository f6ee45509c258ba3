package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.LimitExceededException;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.UploadLedger;
import io.chatvideo.recording.core.port.out.UploadLedger.Outcome;
import io.chatvideo.recording.core.port.out.UploadUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Holds uploads to {@link UploadLimits}. The open uploads are counted from the owner's {@link
 * RecordingRepository#uploadUsage} of the last {@link UploadLimits#DAY} (a read only, so a refused
 * request writes nothing). Bytes are counted in the {@link UploadLedger} as URLs are signed, per
 * recording and per UTC day of the recording's creation, and settled to the stored size when the
 * upload completes; nothing, not even deleting a recording, gives a day's bytes back.
 */
final class UploadAllowance {

  private final RecordingRepository repository;
  private final UploadLedger ledger;
  private final UploadLimits limits;

  UploadAllowance(RecordingRepository repository, UploadLedger ledger, UploadLimits limits) {
    this.repository = repository;
    this.ledger = ledger;
    this.limits = limits;
  }

  /** Refuses a new upload when the owner has too many open uploads or today has no byte left. */
  void check(UserId owner, Instant now) {
    UploadUsage usage = repository.uploadUsage(owner, now.minus(UploadLimits.DAY), now);
    if (usage.openUploads() >= limits.maxPendingUploads()) {
      throw new LimitExceededException("you have " + usage.openUploads() + " uploads in progress, the most allowed; "
          + "complete or abort one first", Duration.between(now, usage.earliestOpenWindowEnd().orElseThrow()));
    }
    LocalDate today = UploadLimits.dayOf(now);
    long used = ledger.bytesOn(owner, today);
    if (used >= limits.maxBytesPerDay()) {
      throw dayFull(today, used, 1, now);
    }
  }

  /**
   * Counts the lengths about to be signed for {@code recording}; refuses, counting nothing, when
   * they take it past {@code maxRecordingBytes} ({@link InvalidInputException} on {@code field}) or
   * its day past {@code maxBytesPerDay} ({@link LimitExceededException}).
   */
  void reserve(RecordingDetails recording, Map<Integer, Long> lengths, String field, Instant now) {
    LocalDate day = UploadLimits.dayOf(recording.createdAt());
    Outcome outcome = ledger.reserve(new UploadLedger.Signed(recording.owner(), day, recording.id(), lengths),
        limits.maxRecordingBytes(), limits.maxBytesPerDay());
    if (outcome instanceof Outcome.RecordingFull full) {
      throw new InvalidInputException(field, "a recording may hold at most " + limits.maxRecordingBytes()
          + " bytes (recording.limits.max-recording-bytes); with these the upload of recording " + recording.id()
          + " would be signed for " + full.wouldHold());
    }
    if (outcome instanceof Outcome.DayFull full) {
      throw dayFull(day, full.dayBytes(), full.adding(), now);
    }
  }

  /**
   * The completed recording's day counts its stored size instead of what was signed. A store that
   * is down leaves the signed bytes counted, which is never less than what was stored.
   */
  void settle(CompletedRecording completed) {
    try {
      ledger.settle(completed.details().owner(), UploadLimits.dayOf(completed.details().createdAt()), completed.id(),
          completed.storedSize());
    } catch (StorageUnavailableException keepSigned) {
      // The completion stands; the day keeps the larger, signed count.
    }
  }

  private LimitExceededException dayFull(LocalDate day, long used, long adding, Instant now) {
    Instant tomorrow = UploadLimits.dayOf(now).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return new LimitExceededException("your uploads of recordings started on " + day + " (UTC) are signed for "
        + used + " bytes; " + adding + " more would pass the daily limit of " + limits.maxBytesPerDay()
        + " bytes (recording.limits.max-bytes-per-day)", Duration.between(now, tomorrow));
  }
}

package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.UserId;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The bytes each user's uploads may put in storage, counted when the upload URLs are signed, not
 * when the upload completes: an open upload can never hold more than was counted for it. Each
 * recording counts towards one UTC day, the day it was created, in a per-user per-day counter
 * that only {@link #settle} lowers (to the size actually stored); deleting a recording changes
 * nothing here.
 *
 * <p>A recording's count is the sum over its slots (part numbers, {@link #WHOLE_OBJECT} for a
 * single PUT) of the largest length ever signed for that slot, so signing a part again with the
 * same or a smaller length adds nothing. Implementations are atomic per call, also across
 * processes sharing the store (SQLite transaction, DynamoDB transaction with conditions), throw
 * {@link io.chatvideo.recording.core.domain.StorageUnavailableException} when the store cannot be
 * reached, and forget counters a few days old.
 */
public interface UploadLedger {

  /** The slot of a single PUT's whole object; parts use their part numbers, 1 to 10,000. */
  int WHOLE_OBJECT = 0;

  /**
   * Counts {@code signed}, unless that takes the recording past {@code maxRecordingBytes} or its
   * day past {@code maxBytesPerDay}: then nothing changes and the answer says which limit.
   */
  Outcome reserve(Signed signed, long maxRecordingBytes, long maxBytesPerDay);

  /** The bytes counted for {@code owner} on {@code day}; 0 when nothing is. */
  long bytesOn(UserId owner, LocalDate day);

  /**
   * The recording completed with {@code storedBytes}: its day counts that instead of what was
   * signed for it. Only the first call for a recording changes anything; a recording nothing was
   * signed for (it started before the ledger existed) adds its stored bytes.
   */
  void settle(UserId owner, LocalDate day, RecordingId recording, long storedBytes);

  /**
   * Lengths signed for one recording of {@code owner}, created on {@code day}: slot to bytes.
   *
   * <p>Example: {@code new Signed(alice, LocalDate.of(2026, 12, 7), id, Map.of(1, 5_242_880L, 2, 1_000L))}.
   */
  record Signed(UserId owner, LocalDate day, RecordingId recording, SortedMap<Integer, Long> lengths) {

    public Signed(UserId owner, LocalDate day, RecordingId recording, Map<Integer, Long> lengths) {
      this(owner, day, recording, new TreeMap<>(lengths));
    }

    public Signed {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(recording, "recording");
      if (lengths.isEmpty()) {
        throw new IllegalArgumentException("nothing was signed");
      }
      lengths.forEach((slot, length) -> {
        if (slot < WHOLE_OBJECT || length < 0) {
          throw new IllegalArgumentException("slot " + slot + " with " + length + " bytes");
        }
      });
      lengths = Collections.unmodifiableSortedMap(new TreeMap<>(lengths));
    }
  }

  /** What {@link #reserve} did. */
  sealed interface Outcome {

    /** Counted: the recording now holds this many signed bytes. */
    record Counted(long recordingBytes) implements Outcome {}

    /** Nothing counted: the recording would have held {@code wouldHold} bytes. */
    record RecordingFull(long wouldHold) implements Outcome {}

    /** Nothing counted: the day holds {@code dayBytes} already, and these lengths add {@code adding}. */
    record DayFull(long dayBytes, long adding) implements Outcome {}
  }
}

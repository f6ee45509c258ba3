package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.PasscodeBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Counts passcode tries where the share links live (a SQLite row, a DynamoDB item with TTL), so
 * every server on the same store — processes behind one balancer, Lambda execution environments —
 * spends one budget. Implementations throw {@link
 * io.chatvideo.recording.core.domain.StorageUnavailableException} when the store cannot be
 * reached, and must be safe for concurrent use, also from other processes.
 *
 * <pre>{@code
 * Tries tries = attempts.count(PasscodeBudget.forLink(hash), now, Duration.ofMinutes(1));
 * // tries.count() > limit: refuse until tries.windowStart() + 1 minute
 * }</pre>
 */
public interface PasscodeAttempts {

  /**
   * Counts one try against {@code budget} at {@code now}, atomically (concurrent tries all count).
   * A budget's window opens at its first try and lasts {@code window}; a try at or after its end
   * opens the next. Answers the tries of the window this try fell in, this one included. The store
   * may forget a window once it has ended.
   */
  Tries count(PasscodeBudget budget, Instant now, Duration window);

  /** The tries counted in a window so far, and when it opened. */
  record Tries(long count, Instant windowStart) {

    public Tries {
      Objects.requireNonNull(windowStart, "windowStart");
      if (count < 1) {
        throw new IllegalArgumentException("a window holds at least the try that counted, was " + count);
      }
    }
  }
}

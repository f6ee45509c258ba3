package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.PasscodeBudget;
import java.time.Instant;

/**
 * Counts passcode tries where the share links live (a SQLite row, a DynamoDB item with TTL), so
 * every server on the same store — processes behind one balancer, Lambda execution environments —
 * spends one budget. Implementations throw {@link
 * io.chatvideo.recording.core.domain.StorageUnavailableException} when the store cannot be
 * reached, and must be safe for concurrent use, also from other processes.
 *
 * <pre>{@code
 * long tries = attempts.count(PasscodeBudget.forLink(hash), minuteStart, minuteStart.plusSeconds(120));
 * // tries > limit: refuse until the next window
 * }</pre>
 */
public interface PasscodeAttempts {

  /**
   * Counts one try against {@code budget} in the window that starts at {@code windowStart}, atomically,
   * and returns how many tries that window holds now, this one included (concurrent calls all count).
   * The store may forget the window's count after {@code forgetAfter}.
   */
  long count(PasscodeBudget budget, Instant windowStart, Instant forgetAfter);
}

package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.PasscodeBudget;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Passcode tries counted in a map, for unit tests of the core; forgotten windows are dropped as it counts. */
public final class InMemoryPasscodeAttempts implements PasscodeAttempts {

  private record Window(PasscodeBudget budget, Instant start) {}

  private record Count(long tries, Instant forgetAfter) {}

  private final Map<Window, Count> counts = new HashMap<>();

  @Override
  public synchronized long count(PasscodeBudget budget, Instant windowStart, Instant forgetAfter) {
    counts.values().removeIf(count -> count.forgetAfter().isBefore(windowStart));
    Count now = counts.merge(new Window(budget, windowStart), new Count(1, forgetAfter),
        (old, one) -> new Count(old.tries() + 1, forgetAfter));
    return now.tries();
  }
}

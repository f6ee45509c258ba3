package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.PasscodeBudget;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Passcode tries counted in a map, for unit tests of the core; ended windows are dropped as it counts. */
public final class InMemoryPasscodeAttempts implements PasscodeAttempts {

  private final Map<PasscodeBudget, Tries> windows = new HashMap<>();

  @Override
  public synchronized Tries count(PasscodeBudget budget, Instant now, Duration window) {
    Instant cutoff = now.minus(window);
    windows.values().removeIf(tries -> !tries.windowStart().isAfter(cutoff));
    return windows.merge(budget, new Tries(1, now), (open, one) -> new Tries(open.count() + 1, open.windowStart()));
  }
}

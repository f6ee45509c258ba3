package io.chatvideo.recording.http.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a user, a client address): {@code perMinute} requests, refilled evenly
 * over the minute, so a burst of {@code perMinute} passes and then one every {@code 60 s /
 * perMinute}. Written here rather than taken from a library (resilience4j, Bucket4j) because it
 * must run on the injected {@link Clock}, which their limiters do not take. Memory stays bounded:
 * buckets that have refilled completely are dropped once there are many.
 */
public final class RequestRate {

  private static final int PRUNE_ABOVE = 10_000;

  private final int perMinute;
  private final Duration refill;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RequestRate(int perMinute, Clock clock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("a request rate needs at least 1 request per minute, was " + perMinute);
    }
    this.perMinute = perMinute;
    this.refill = Duration.ofMinutes(1).dividedBy(perMinute);
    this.clock = clock;
  }

  /** Takes one request for {@code key}; empty if allowed, else how long until the next one is. */
  public Optional<Duration> take(String key) {
    Instant now = clock.instant();
    if (buckets.size() > PRUNE_ABOVE) {
      buckets.values().removeIf(bucket -> bucket.isFullAt(now));
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(now)).take(now);
  }

  private final class Bucket {

    /** The bucket is full at this instant; each request pushes it one refill interval later. */
    private Instant fullAt;

    Bucket(Instant now) {
      this.fullAt = now;
    }

    synchronized Optional<Duration> take(Instant now) {
      Instant start = fullAt.isBefore(now) ? now : fullAt;
      Instant next = start.plus(refill);
      Duration backlog = Duration.between(now, next);
      Duration capacity = refill.multipliedBy(perMinute);
      if (backlog.compareTo(capacity) > 0) {
        return Optional.of(backlog.minus(capacity));
      }
      fullAt = next;
      return Optional.empty();
    }

    synchronized boolean isFullAt(Instant now) {
      return !fullAt.isAfter(now);
    }
  }
}

package io.chatvideo.recording.http.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per key (a route and a user or client address): {@code perMinute} requests,
 * refilled evenly over the minute, so a burst of {@code perMinute} passes and then one every
 * {@code 60 s / perMinute}. The buckets live in a Caffeine cache on the injected {@link Clock}: at
 * most {@code capacity} of them (evicted by frequency and recency, without a scan of the map), each
 * dropped a minute after its last request, when it would be full again anyway. An evicted bucket
 * starts full, so a flood of new keys can at worst hand a busy key a fresh minute, never more
 * memory.
 */
final class RequestRate {

  /** Buckets kept at most: a few MB, far above the users and addresses one server sees in a minute. */
  static final long DEFAULT_CAPACITY = 100_000;

  private final int perMinute;
  private final Duration refill;
  private final Clock clock;
  private final Cache<Key, Bucket> buckets;

  RequestRate(int perMinute, Clock clock) {
    this(perMinute, clock, DEFAULT_CAPACITY);
  }

  RequestRate(int perMinute, Clock clock, long capacity) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("a request rate needs at least 1 request per minute, was " + perMinute);
    }
    this.perMinute = perMinute;
    this.refill = Duration.ofMinutes(1).dividedBy(perMinute);
    this.clock = clock;
    this.buckets = Caffeine.newBuilder()
        .maximumSize(capacity)
        .expireAfterAccess(Duration.ofMinutes(1))
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .executor(Runnable::run)
        .build();
  }

  /**
   * Whose requests a bucket counts: a route as written in its template (never the request's raw
   * path, which a client can vary without end) and the user or client address.
   */
  record Key(String route, String subject) {

    public Key {
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(subject, "subject");
    }
  }

  /** Takes one request for {@code key}; empty if allowed, else how long until the next one is. */
  Optional<Duration> take(Key key) {
    Instant now = clock.instant();
    return buckets.get(key, k -> new Bucket(now)).take(now);
  }

  /** How many buckets are kept now (after pending evictions), for tests of the bound. */
  long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
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
  }
}

package io.chatvideo.recording.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.chatvideo.recording.core.domain.DeadJob;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobQueue} must do. An adapter's test extends this class and gives a fresh,
 * empty queue per test whose {@link JobQueue#maxAttempts()} is {@link #MAX_ATTEMPTS}, and a way to
 * let time pass: a test clock moved forward, or (for a queue whose service keeps its own clock)
 * a real wait. Leases and retries that a test waits out last {@link #STEP} or two, whole seconds,
 * as SQS counts them; a test that looks at once after a lease holds it for {@link #LONG}.
 */
public abstract class JobQueueContract {

  protected static final int MAX_ATTEMPTS = 3;
  protected static final Duration STEP = Duration.ofSeconds(2);
  /** A lease no test outlives: where a test looks right after leasing, a slow machine cannot end it first. */
  protected static final Duration LONG = Duration.ofMinutes(5);

  /** A new, empty queue. */
  protected abstract JobQueue queue();

  /** What the queue takes as now. */
  protected abstract Instant now();

  /** Lets {@code duration} pass for the queue. */
  protected abstract void pass(Duration duration);

  @Test
  void anEnqueuedJobIsLeasedOnceWithItsKindAndSubject() {
    JobQueue queue = queue();
    JobId id = queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());

    Optional<JobLease> lease = queue.lease(now(), LONG);

    assertThat(lease).hasValueSatisfying(l -> {
      assertThat(l.job().id()).isEqualTo(id);
      assertThat(l.job().kind()).isEqualTo(JobKind.PROCESS_RECORDING);
      assertThat(l.job().subject()).isEqualTo("rec-1");
      assertThat(l.attempt()).isEqualTo(1);
    });
    assertThat(queue.lease(now(), STEP)).as("leased jobs are hidden from other workers").isEmpty();
  }

  @Test
  void anEmptyQueueLeasesNothing() {
    assertThat(queue().lease(now(), STEP)).isEmpty();
  }

  @Test
  void whenALeaseEndsWithoutAnAnswerAnotherWorkerGetsTheJobAsItsNextAttempt() {
    JobQueue queue = queue();
    JobId id = queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());
    JobLease first = queue.lease(now(), STEP).orElseThrow();

    pass(STEP.plusSeconds(1));
    JobLease second = queue.lease(now(), STEP).orElseThrow();

    assertThat(second.job().id()).isEqualTo(id);
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.receipt()).isNotEqualTo(first.receipt());
  }

  @Test
  void aCompletedJobIsNeverLeasedAgainAndCompletingTwiceChangesNothing() {
    JobQueue queue = queue();
    queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());
    JobLease lease = queue.lease(now(), STEP).orElseThrow();

    queue.complete(lease);
    queue.complete(lease);
    pass(STEP.plusSeconds(1));

    assertThat(queue.lease(now(), STEP)).isEmpty();
    assertThat(queue.dead(10)).isEmpty();
  }

  @Test
  void aLeaseTheJobHasMovedPastCannotCompleteOrFailItForItsNewHolder() {
    JobQueue queue = queue();
    queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());
    JobLease stale = queue.lease(now(), STEP).orElseThrow();
    pass(STEP.plusSeconds(1));
    JobLease current = queue.lease(now(), STEP).orElseThrow();

    queue.complete(stale);
    queue.fail(stale, "late answer from a worker that lost its lease", Optional.empty(), now());
    pass(STEP.plusSeconds(1));

    assertThat(queue.dead(10)).isEmpty();
    JobLease third = queue.lease(now(), STEP).orElseThrow(() ->
        new AssertionError("the job still belongs to its current lease, which ended unanswered"));
    assertThat(third.attempt()).isEqualTo(current.attempt() + 1);
  }

  @Test
  void aFailedJobWaitsForItsRetryTimeAndComesBackAsTheNextAttempt() {
    JobQueue queue = queue();
    queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());
    JobLease first = queue.lease(now(), Duration.ofMinutes(5)).orElseThrow();

    queue.fail(first, "ffmpeg timed out", Optional.of(now().plus(STEP.multipliedBy(2))), now());

    assertThat(queue.lease(now(), STEP)).as("backing off").isEmpty();
    pass(STEP.multipliedBy(2).plusSeconds(1));
    assertThat(queue.lease(now(), STEP)).hasValueSatisfying(l -> assertThat(l.attempt()).isEqualTo(2));
  }

  @Test
  void aJobFailedWithoutARetryIsDeadWithItsReason() {
    JobQueue queue = queue();
    JobId id = queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());
    JobLease lease = queue.lease(now(), STEP).orElseThrow();

    queue.fail(lease, "not a media file", Optional.empty(), now());

    assertThat(queue.dead(10)).singleElement().satisfies(dead -> {
      assertThat(dead.job().id()).isEqualTo(id);
      assertThat(dead.reason()).isEqualTo("not a media file");
      assertThat(dead.attempts()).isEqualTo(1);
    });
    pass(STEP.plusSeconds(1));
    assertThat(queue.lease(now(), STEP)).isEmpty();
  }

  @Test
  void deadJobsAreListedTheMostRecentFirst() {
    JobQueue queue = queue();
    JobId older = queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());
    JobId newer = queue.enqueue(JobKind.PROCESS_RECORDING, "rec-2", now());
    JobLease first = queue.lease(now(), LONG).orElseThrow();
    JobLease second = queue.lease(now(), LONG).orElseThrow();
    JobLease olderLease = first.job().id().equals(older) ? first : second;
    JobLease newerLease = first.job().id().equals(older) ? second : first;

    queue.fail(olderLease, "first to die", Optional.empty(), now());
    pass(STEP);
    queue.fail(newerLease, "second to die", Optional.empty(), now());

    assertThat(queue.dead(10)).extracting(dead -> dead.job().id(), DeadJob::reason).containsExactly(
        tuple(newer, "second to die"),
        tuple(older, "first to die"));
  }

  @Test
  void aJobWhoseLeasesKeepEndingUnansweredIsDeadAfterTheLastAttempt() {
    JobQueue queue = queue();
    JobId id = queue.enqueue(JobKind.PROCESS_RECORDING, "kills-its-worker", now());
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      assertThat(queue.lease(now(), STEP)).as("attempt %d", attempt)
          .hasValueSatisfying(l -> assertThat(l.job().id()).isEqualTo(id));
      pass(STEP.plusSeconds(1));
    }

    assertThat(queue.lease(now(), STEP)).isEmpty();
    assertThat(queue.dead(10)).extracting(DeadJob::job).extracting(j -> j.id()).containsExactly(id);
  }

  @Test
  void severalJobsAreEachLeasedOnce() {
    JobQueue queue = queue();
    Set<JobId> enqueued = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      enqueued.add(queue.enqueue(JobKind.PROCESS_RECORDING, "rec-" + i, now()));
    }

    Set<JobId> leased = new HashSet<>();
    for (Optional<JobLease> lease = queue.lease(now(), STEP); lease.isPresent(); lease = queue.lease(now(), STEP)) {
      assertThat(leased.add(lease.get().job().id())).as("leased twice: %s", lease.get().job()).isTrue();
    }

    assertThat(leased).isEqualTo(enqueued);
  }

  @Test
  void anExtendedLeaseKeepsTheJobPastItsFirstEnd() {
    JobQueue queue = queue();
    queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());
    JobLease lease = queue.lease(now(), STEP).orElseThrow();

    assertThat(queue.extend(lease, now(), LONG)).as("the holder renews its lease").isTrue();
    pass(STEP.plusSeconds(1));

    assertThat(queue.lease(now(), STEP)).as("still held by the renewed lease").isEmpty();
    queue.complete(lease);
    assertThat(queue.dead(10)).isEmpty();
  }

  @Test
  void aLeaseTheJobHasMovedPastCannotBeExtended() {
    JobQueue queue = queue();
    queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());
    JobLease stale = queue.lease(now(), STEP).orElseThrow();
    pass(STEP.plusSeconds(1));
    JobLease current = queue.lease(now(), LONG).orElseThrow();

    assertThat(queue.extend(stale, now(), LONG)).isFalse();
    queue.complete(current);
    assertThat(queue.extend(current, now(), LONG)).as("a completed job").isFalse();
  }

  @Test
  void aReleasedJobIsDueAtOnceAsTheNextAttempt() {
    JobQueue queue = queue();
    JobId id = queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());
    JobLease lease = queue.lease(now(), LONG).orElseThrow();

    queue.release(lease, now());

    assertThat(queue.lease(now(), LONG)).as("given back, due at once").hasValueSatisfying(again -> {
      assertThat(again.job().id()).isEqualTo(id);
      assertThat(again.attempt()).isEqualTo(2);
    });
  }

  @Test
  void aReleaseWithALeaseTheJobHasMovedPastChangesNothing() {
    JobQueue queue = queue();
    queue.enqueue(JobKind.PROCESS_RECORDING, "rec-1", now());
    JobLease stale = queue.lease(now(), STEP).orElseThrow();
    pass(STEP.plusSeconds(1));
    queue.lease(now(), LONG).orElseThrow();

    queue.release(stale, now());

    assertThat(queue.lease(now(), STEP)).as("still held by its current lease").isEmpty();
  }
}

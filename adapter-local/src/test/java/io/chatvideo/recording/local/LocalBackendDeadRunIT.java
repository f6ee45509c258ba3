package io.chatvideo.recording.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.local.run.LocalRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker in another JVM leases a job for an hour and is killed (SIGKILL, no shutdown hook): the
 * next process to open the data directory takes the job back at once, as its next attempt, and
 * deletes the dead run's work directory; a live run's leases and directory are left alone.
 */
class LocalBackendDeadRunIT {

  @TempDir
  Path data;

  @Test
  void aKilledWorkersJobIsDueAtOnceAndItsWorkDirectoryGoneWhenTheDirectoryIsOpenedAgain() throws Exception {
    try (LocalBackend before = LocalBackend.open(data, Clock.systemUTC())) {
      before.jobs(3).enqueue(JobKind.PROCESS_RECORDING, "rec-1", Instant.now());
    }
    Path childWork;
    try (ChildProcess worker = ChildProcess.start(List.of(), "lease-and-hang", data.toString())) {
      String line = worker.nextLine();
      assertThat(line).startsWith("HELD 1 IN ");
      childWork = Path.of(line.substring("HELD 1 IN ".length()));
      assertThat(childWork.getFileName().toString()).startsWith("run-");

      try (LocalBackend whileAlive = LocalBackend.open(data, Clock.systemUTC())) {
        assertThat(whileAlive.jobs(3).lease(Instant.now(), Duration.ofMinutes(1)))
            .as("a live worker's lease is its own").isEmpty();
        assertThat(childWork.resolve("half-done.mp4")).as("a live worker's work directory").exists();
      }
      worker.kill();
    }

    try (LocalBackend after = LocalBackend.open(data, Clock.systemUTC())) {
      JobQueue jobs = after.jobs(3);
      Optional<JobLease> again = jobs.lease(Instant.now(), Duration.ofMinutes(1));

      assertThat(again).as("the dead worker's job, an hour before its lease would end").hasValueSatisfying(lease -> {
        assertThat(lease.job().subject()).isEqualTo("rec-1");
        assertThat(lease.attempt()).isEqualTo(2);
      });
      assertThat(childWork).as("the dead run's work directory").doesNotExist();
      assertThat(after.workDirectory().getFileName().toString()).isEqualTo(LocalRun.current().name());
    }
  }

  @Test
  void aRunIsAliveOnlyWhileItsProcessRuns() {
    LocalRun self = LocalRun.current();

    assertThat(self.alive()).isTrue();
    assertThat(LocalRun.alive(self.name())).isTrue();
    assertThat(LocalRun.parse(self.name())).contains(self);
    assertThat(LocalRun.alive("run-" + self.pid() + "-" + (self.startedAtMillis() - 60_000)))
        .as("the same process id, started a minute earlier: another run").isFalse();
    assertThat(LocalRun.alive("not-a-run")).as("nothing known of it").isTrue();
  }
}

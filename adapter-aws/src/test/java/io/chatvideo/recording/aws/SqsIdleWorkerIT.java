package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.port.in.JobWorkers;
import io.chatvideo.recording.core.port.out.ForwardingJobQueue;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.testing.InMemoryObjectStorage;
import io.chatvideo.recording.core.testing.InMemoryRecordingRepository;
import io.chatvideo.recording.core.testing.InMemoryUploadLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An idle worker on SQS (ElasticMQ), counted at the client: every HTTP request the worker's SQS
 * client sends goes through an {@link ExecutionInterceptor} that counts it. Over a minute of
 * nothing to do it makes at most 4 requests (long polls of 20 s; ≤ 200 an hour), a job sent by
 * another client meanwhile starts within a second, and a stop ends the poll in flight at once.
 */
@ExtendWith(SqsStandIn.class)
class SqsIdleWorkerIT {

  private static final Duration IDLE_WINDOW = Duration.ofSeconds(60);

  private final AtomicInteger requests = new AtomicInteger();
  private final SqsClient counted = SqsClient.builder()
      .region(Region.US_EAST_1)
      .endpointOverride(SqsStandIn.endpoint())
      .credentialsProvider(AwsStandIns.credentials())
      .httpClient(ApacheHttpClient.create())
      .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
          requests.incrementAndGet();
        }
      }))
      .build();
  private final SqsClient other = SqsStandIn.client();

  @AfterEach
  void close() {
    counted.close();
    other.close();
  }

  @Test
  void anIdleWorkerMakesAtMostFourRequestsAMinuteAndAJobSentMeanwhileStartsWithinASecond() throws Exception {
    String name = "idle-" + UUID.randomUUID().toString().substring(0, 8);
    SqsJobQueue sender = SqsJobQueue.create(other, name, 3);
    AtomicLong leasedAt = new AtomicLong();
    CountDownLatch leased = new CountDownLatch(1);
    JobQueue watched = new ForwardingJobQueue(SqsJobQueue.existing(counted, name, 3)) {
      @Override
      public Optional<JobLease> lease(Instant now, Duration visibility, Duration wait) {
        Optional<JobLease> lease = super.lease(now, visibility, wait);
        if (lease.isPresent()) {
          leasedAt.set(System.nanoTime());
          leased.countDown();
        }
        return lease;
      }
    };
    Recordings recordings = Recordings.builder().repository(new InMemoryRecordingRepository()).ledger(new InMemoryUploadLedger())
        .storage(new InMemoryObjectStorage()).jobs(watched).build();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    int before = requests.get();

    JobWorkers workers = recordings.startWorkers(1, "idle", JobWorkers.Until.STOPPED, JobWorkers.IDLE, failures::add);
    try {
      // A measuring window, not a wait for a state: nothing is to happen in it.
      Thread.sleep(IDLE_WINDOW.toMillis());
      int idleRequests = requests.get() - before;

      long sentAt = System.nanoTime();
      sender.enqueue(JobKind.PROCESS_RECORDING, UUID.randomUUID().toString(), Instant.now());
      assertThat(leased.await(10, TimeUnit.SECONDS)).as("the job was leased").isTrue();
      Duration startedAfter = Duration.ofNanos(leasedAt.get() - sentAt);

      assertThat(idleRequests).as("SQS requests of an idle worker in %s", IDLE_WINDOW).isLessThanOrEqualTo(4);
      assertThat(startedAfter).as("from the send to the lease").isLessThan(Duration.ofSeconds(1));
      assertThat(failures).isEmpty();
      System.out.printf("idle worker: %d SQS requests in %d s; a job sent started after %d ms%n", idleRequests,
          IDLE_WINDOW.toSeconds(), startedAfter.toMillis());
    } finally {
      long stopping = System.nanoTime();
      workers.stop(Duration.ZERO, Duration.ofSeconds(5));
      Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);
      assertThat(workers.running()).as("workers after the stop").isZero();
      assertThat(stopTook).as("a stop during a long poll").isLessThan(Duration.ofSeconds(3));
    }
  }
}

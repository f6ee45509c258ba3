package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.http.support.TempDirectory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With the local backend the server sweeps on Micronaut's scheduler, the first time at start. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepScheduleTest implements TestPropertyProvider {

  private static final Duration START_BOUND = Duration.ofSeconds(30);

  private final TempDirectory data = new TempDirectory("recordings-sweep");
  private Path orphan;

  @Inject
  ApplicationContext context;

  /** Runs before the server starts: an object no recording points to, written two days ago. */
  @Override
  public Map<String, String> getProperties() {
    ObjectKey key = ObjectKey.forRecording(RoomId.of("room-1"), Instant.now(), new RecordingId(UUID.randomUUID()),
        ContentType.DEFAULT);
    orphan = data.path().resolve("objects").resolve(key.value());
    try {
      Files.createDirectories(orphan.getParent());
      Files.write(orphan, new byte[10]);
      Files.setLastModifiedTime(orphan, FileTime.from(Instant.now()
          .minus(Recordings.DEFAULT_ORPHAN_GRACE).minus(Duration.ofDays(1))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("recording.data-dir", data.path().toString(), "recording.sweep-interval", "1h");
  }

  @AfterAll
  void removeData() {
    data.close();
  }

  @Test
  void theFirstSweepRunsAtStartAndRemovesAnObjectNoRecordingPointsTo() throws InterruptedException {
    assertThat(context.containsBean(SweepSchedule.class)).isTrue();
    long deadline = System.nanoTime() + START_BOUND.toNanos();
    // The sweep runs on the scheduler's thread; this waits for its effect, bounded.
    while (Files.exists(orphan) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(orphan).as("removed by the sweep at start").doesNotExist();
  }
}

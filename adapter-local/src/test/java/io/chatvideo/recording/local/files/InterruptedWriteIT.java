package io.chatvideo.recording.local.files;

import io.chatvideo.recording.local.ChildProcess;
import io.chatvideo.recording.local.Fixtures;
import io.chatvideo.recording.local.LocalBackend;
import io.chatvideo.recording.local.files.ObjectClient.Answer;
import io.chatvideo.recording.local.files.ObjectClient.Outcome;
import io.chatvideo.recording.core.testing.MutableClock;
import static io.chatvideo.recording.local.Fixtures.T0;
import static io.chatvideo.recording.local.Fixtures.WEBM;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that dies midway, in this JVM or by killing another one, never leaves an object behind. */
class InterruptedWriteIT {

  @TempDir
  Path data;

  private LocalBackend backend;
  private ObjectClient client;

  @BeforeEach
  void open() {
    backend = LocalBackend.open(data, new MutableClock(T0));
    client = new ObjectClient(backend.objects());
  }

  @AfterEach
  void close() {
    backend.close();
  }

  @Test
  void aBodyThatFailsMidwayLeavesNoObjectAndNoTemporaryFile() throws IOException {
    ObjectKey key = Fixtures.awaitingUpload(backend.repository());
    PresignedRequest put = backend.storage().presignPut(key, WEBM, OptionalLong.of(1_000_000), T0.plusSeconds(60));

    Answer response = client.send("PUT", put, Map.of(), failingAfter(Fixtures.bytes(300_000, 1)));

    assertThat(response.outcome()).isEqualTo(Outcome.BAD_BODY);
    assertThat(response.message()).hasValueSatisfying(m -> assertThat(m).contains("interrupted"));
    assertThat(backend.storage().head(key)).isEmpty();
    assertThat(objectPath(key)).doesNotExist();
    assertThat(entries(data.resolve(FileObjectStorage.STAGING_FOLDER))).isEmpty();
  }

  @Test
  void aFailedUploadLeavesTheUrlUsableForTheWholeBody() {
    ObjectKey key = Fixtures.awaitingUpload(backend.repository());
    byte[] first = Fixtures.bytes(200_000, 2);
    PresignedRequest put = backend.storage().presignPut(key, WEBM, OptionalLong.empty(), T0.plusSeconds(60));

    Answer response = client.send("PUT", put, Map.of(), failingAfter(Fixtures.bytes(100_000, 3)));

    assertThat(response.outcome()).isEqualTo(Outcome.BAD_BODY);
    assertThat(client.send(put, first).outcome()).as("nothing was stored, so the URL is still unused")
        .isEqualTo(Outcome.OK);
    assertThat(backend.storage().head(key)).hasValueSatisfying(o -> {
      assertThat(o.size()).isEqualTo(first.length);
      assertThat(o.sha256()).contains(Fixtures.sha256(first));
    });
  }

  @Test
  void aWriterKilledMidwayLeavesNoObjectAndItsOrphanIsRemovedAtTheNextOpen() throws Exception {
    ObjectKey key = Fixtures.awaitingUpload(backend.repository());
    Path staging = data.resolve(FileObjectStorage.STAGING_FOLDER);
    try (ChildProcess writer = ChildProcess.start(List.of(), "write-forever", data.toString(), key.value())) {
      assertThat(writer.nextLine()).isEqualTo("WRITING");
      List<Path> inFlight = entries(staging);
      assertThat(inFlight).hasSize(1);
      awaitSize(inFlight.get(0), 1 << 20);
      makeOld(inFlight.get(0));

      // The writer is alive and holds its lock: another process opening the directory must not touch it.
      LocalBackend.open(data, new MutableClock(T0)).close();
      assertThat(inFlight.get(0)).exists();

      writer.kill();
    }

    assertThat(backend.storage().head(key)).isEmpty();
    assertThat(objectPath(key)).doesNotExist();
    List<Path> orphans = entries(staging);
    assertThat(orphans).hasSize(1);
    assertThat(Files.size(orphans.get(0))).isGreaterThanOrEqualTo(1 << 20);

    makeOld(orphans.get(0));
    LocalBackend.open(data, new MutableClock(T0)).close();

    assertThat(entries(staging)).isEmpty();
  }

  @Test
  void aRecentUnlockedTemporaryFileIsLeftAloneInCaseItsWriterHasNotLockedItYet() throws IOException {
    Path staging = data.resolve(FileObjectStorage.STAGING_FOLDER);
    Path fresh = Files.write(staging.resolve("0123456789abcdef-0001.tmp"), new byte[10]);
    Path old = Files.write(staging.resolve("0123456789abcdef-0002.tmp"), new byte[10]);
    makeOld(old);

    LocalBackend.open(data, new MutableClock(T0)).close();

    assertThat(fresh).exists();
    assertThat(old).doesNotExist();
  }

  /** The writer said it is writing once a megabyte left its stream; the last buffer may still be on its way to disk. */
  private static void awaitSize(Path file, long size) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (Files.size(file) < size) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(file + " stayed below " + size + " bytes: " + Files.size(file));
      }
      Thread.sleep(10);
    }
  }

  private Path objectPath(ObjectKey key) {
    return data.resolve(FileObjectStorage.OBJECTS_FOLDER).resolve(key.value());
  }

  /** As if written before the orphan grace period: file times are real time, whatever the test clock says. */
  private static void makeOld(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(StagingArea.ORPHAN_MIN_AGE).minus(
        Duration.ofSeconds(5))));
  }

  private static List<Path> entries(Path folder) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.toList();
    }
  }

  private static InputStream failingAfter(byte[] prefix) {
    return new SequenceInputStream(new ByteArrayInputStream(prefix), new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset by peer");
      }
    });
  }
}

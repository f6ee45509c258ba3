package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.domain.ETag;
import io.chatvideo.recording.local.files.ObjectClient.Outcome;
import io.chatvideo.recording.local.Fixtures;
import io.chatvideo.recording.local.LocalBackend;
import io.chatvideo.recording.core.testing.MutableClock;
import static io.chatvideo.recording.local.Fixtures.T0;
import static io.chatvideo.recording.local.Fixtures.WEBM;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads running at the same time, to different objects, the same object and the same multipart upload. */
class ConcurrentUploadsIT {

  private static final int UPLOADERS = 8;
  private static final int SIZE = 1 << 20;

  @TempDir
  Path data;

  private LocalBackend backend;
  private ObjectClient client;
  private ExecutorService pool;

  @BeforeEach
  void open() {
    backend = LocalBackend.open(data, new MutableClock(T0));
    client = new ObjectClient(backend.objects());
    pool = Executors.newFixedThreadPool(UPLOADERS);
  }

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    backend.close();
  }

  @Test
  void uploadsToDifferentObjectsAtOnceAllArriveIntact() throws Exception {
    List<ObjectKey> keys = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < UPLOADERS; i++) {
      keys.add(Fixtures.awaitingUpload(backend.repository()));
      contents.add(Fixtures.bytes(SIZE, i));
    }

    List<Outcome> outcomes = together(i -> client.send(put(keys.get(i)), contents.get(i)).outcome());

    assertThat(outcomes).containsOnly(Outcome.OK);
    for (int i = 0; i < UPLOADERS; i++) {
      byte[] expected = contents.get(i);
      assertThat(backend.storage().head(keys.get(i))).hasValueSatisfying(o ->
          assertThat(o.sha256()).contains(Fixtures.sha256(expected)));
      assertThat(ObjectClient.bytes(client.send(get(keys.get(i)), null))).isEqualTo(expected);
    }
  }

  @Test
  void uploadsToTheSameObjectAtOnceStoreExactlyOneOfThemWholeWithItsHashAndRefuseTheOthers() throws Exception {
    ObjectKey key = Fixtures.awaitingUpload(backend.repository());
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < UPLOADERS; i++) {
      contents.add(Fixtures.bytes(SIZE, 100 + i));
    }

    List<Outcome> outcomes = together(i -> client.send(put(key), contents.get(i)).outcome());

    assertThat(outcomes).containsOnly(Outcome.OK, Outcome.UPLOAD_CLOSED).containsOnlyOnce(Outcome.OK);
    byte[] stored = ObjectClient.bytes(client.send(get(key), null));
    assertThat(stored).isEqualTo(contents.get(outcomes.indexOf(Outcome.OK)));
    assertThat(backend.storage().head(key)).hasValueSatisfying(o ->
        assertThat(o.sha256()).contains(Fixtures.sha256(stored)));
  }

  @Test
  void partsOfOneMultipartUploadSentAtOnceAreAllStored() throws Exception {
    ObjectKey key = Fixtures.newKey();
    String uploadId = backend.storage().startMultipart(key, WEBM);
    Fixtures.awaitUpload(backend.repository(), key, Optional.of(uploadId));
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < UPLOADERS; i++) {
      parts.add(Fixtures.bytes(SIZE, 200 + i));
    }

    List<String> etags = together(i -> client.send(
        backend.storage().presignPart(key, uploadId, i + 1, parts.get(i).length, T0.plusSeconds(60)), parts.get(i)).etag().orElseThrow().quoted());

    List<StoredPart> listed = backend.storage().listParts(key, uploadId);
    assertThat(listed).extracting(StoredPart::etag).containsExactlyElementsOf(etags);
    List<CompletedPart> completed = new ArrayList<>();
    for (int i = 0; i < UPLOADERS; i++) {
      completed.add(new CompletedPart(i + 1, etags.get(i)));
    }
    backend.storage().completeMultipart(key, uploadId, completed);
    assertThat(backend.storage().head(key)).hasValueSatisfying(o -> assertThat(o.size()).isEqualTo((long) SIZE * UPLOADERS));
  }

  private PresignedRequest put(ObjectKey key) {
    return backend.storage().presignPut(key, WEBM, OptionalLong.of(SIZE), T0.plusSeconds(60));
  }

  private PresignedRequest get(ObjectKey key) {
    return backend.storage().presignGet(key, WEBM, Filename.sanitize("a.webm", "a.webm"), T0.plusSeconds(60));
  }

  /** Runs {@code task(i)} for every uploader, all released at the same moment; results in uploader order. */
  private <T> List<T> together(IndexedTask<T> task) throws Exception {
    CyclicBarrier start = new CyclicBarrier(UPLOADERS);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < UPLOADERS; i++) {
      int index = i;
      Callable<T> call = () -> {
        start.await(30, TimeUnit.SECONDS);
        return task.run(index);
      };
      futures.add(pool.submit(call));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  @FunctionalInterface
  private interface IndexedTask<T> {
    T run(int index) throws Exception;
  }
}

package io.chatvideo.recording.local.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.StoredObject;
import io.chatvideo.recording.core.testing.ObjectTransferContract;
import io.chatvideo.recording.local.capability.CapabilitySigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileObjectTransferTest extends ObjectTransferContract {

  @TempDir
  Path data;

  private FileObjectStorage storage;

  @BeforeEach
  void open() throws IOException {
    storage = FileObjectStorage.open(data, new CapabilitySigner(new byte[32], Clock.systemUTC()));
  }

  @Override
  protected ObjectStorage storage() {
    return storage;
  }

  @Test
  void aWrittenObjectIsStampedSoHeadKnowsItsHash() throws IOException {
    ObjectKey key = newKey();
    byte[] bytes = bytes(70_000, 1);

    StoredObject written = storage.write(key, WEBM, file("source", bytes));

    assertThat(written.sha256()).contains(sha256(bytes));
    assertThat(storage.head(key)).contains(new StoredObject(bytes.length, Optional.of(sha256(bytes))));
  }

  @Test
  void nothingIsLeftInStagingOrBesideTheTarget() throws IOException {
    ObjectKey key = newKey();
    storage.write(key, WEBM, file("source", bytes(70_000, 2)));
    Path copies = Files.createDirectory(files.resolve("copies"));

    storage.read(key, copies.resolve("copy.webm"));

    assertThat(entries(data.resolve(FileObjectStorage.STAGING_FOLDER))).isEmpty();
    assertThat(entries(copies)).containsExactly("copy.webm");
  }

  /**
   * One thread replaces the object with two contents in turn while another reads it: every read
   * is one of them whole, with the hash of what it copied. A write that were not one rename, or a
   * read that followed the replacement mid-copy, would show a mix or a cut.
   */
  @Test
  void readsDuringReplacementsSeeTheOldOrTheNewObjectWhole() throws Exception {
    ObjectKey key = newKey();
    byte[] one = bytes(1_500_000, 3);
    byte[] two = bytes(900_000, 4);
    Path first = file("one", one);
    Path second = file("two", two);
    storage.write(key, WEBM, first);
    int rounds = 30;

    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < rounds; i++) {
        storage.write(key, WEBM, i % 2 == 0 ? second : first);
      }
    });
    Set<String> whole = Set.of(sha256(one), sha256(two));
    Path target = files.resolve("target");
    for (int i = 0; i < rounds; i++) {
      StoredObject read = storage.read(key, target).orElseThrow();
      String copied = sha256(Files.readAllBytes(target));
      assertThat(whole).contains(copied);
      assertThat(read.sha256()).contains(copied);
    }
    writer.join();
  }

  private static List<String> entries(Path folder) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(path -> path.getFileName().toString()).toList();
    }
  }
}

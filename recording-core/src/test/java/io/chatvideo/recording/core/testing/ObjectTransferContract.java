package io.chatvideo.recording.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStorage} does with whole files ({@link ObjectStorage#read}, {@link
 * ObjectStorage#write}), the calls the processing steps make. An adapter's test extends this class
 * and gives a storage; each test uses keys of its own, so one storage may serve them all.
 */
public abstract class ObjectTransferContract {

  protected static final ContentType WEBM = ContentType.parse("video/webm;codecs=vp8,opus");
  protected static final ContentType MP4 = ContentType.parse("video/mp4");

  @TempDir
  protected Path files;

  /** The storage under test. */
  protected abstract ObjectStorage storage();

  @Test
  void aWrittenFileReadsBackWithTheSameBytes() throws IOException {
    ObjectKey key = newKey();
    byte[] bytes = bytes(300_000, 1);
    Path source = file("source", bytes);
    Path target = files.resolve("target");

    StoredObject written = storage().write(key, WEBM, source);
    Optional<StoredObject> read = storage().read(key, target);

    assertThat(written.size()).isEqualTo(bytes.length);
    written.sha256().ifPresent(sha -> assertThat(sha).isEqualTo(sha256(bytes)));
    assertThat(read).hasValueSatisfying(object -> {
      assertThat(object.size()).isEqualTo(bytes.length);
      object.sha256().ifPresent(sha -> assertThat(sha).isEqualTo(sha256(bytes)));
    });
    assertThat(sha256(Files.readAllBytes(target))).isEqualTo(sha256(bytes));
    assertThat(storage().head(key)).map(StoredObject::size).contains((long) bytes.length);
  }

  @Test
  void anEmptyFileIsStoredAsAnEmptyObject() throws IOException {
    ObjectKey key = newKey();
    Path target = files.resolve("target");

    assertThat(storage().write(key, WEBM, file("empty", new byte[0])).size()).isZero();

    assertThat(storage().read(key, target)).map(StoredObject::size).contains(0L);
    assertThat(Files.size(target)).isZero();
  }

  @Test
  void readingAKeyWithNothingStoredIsEmptyAndLeavesTheTargetAsItWas() throws IOException {
    Path target = file("target", bytes(10, 2));
    Path absent = files.resolve("absent");

    assertThat(storage().read(newKey(), target)).isEmpty();
    assertThat(storage().read(newKey(), absent)).isEmpty();

    assertThat(Files.readAllBytes(target)).isEqualTo(bytes(10, 2));
    assertThat(absent).doesNotExist();
  }

  @Test
  void aWriteReplacesTheObjectStoredUnderTheKey() throws IOException {
    ObjectKey key = newKey();
    byte[] remuxed = bytes(4_000, 4);
    storage().write(key, WEBM, file("original", bytes(9_000, 3)));

    StoredObject replaced = storage().write(key, WEBM, file("remuxed", remuxed));

    assertThat(replaced.size()).isEqualTo(remuxed.length);
    Path target = files.resolve("target");
    assertThat(storage().read(key, target)).map(StoredObject::size).contains((long) remuxed.length);
    assertThat(Files.readAllBytes(target)).isEqualTo(remuxed);
    assertThat(storage().head(key)).map(StoredObject::size).contains((long) remuxed.length);
  }

  @Test
  void readingIntoAnExistingLongerFileReplacesItWhole() throws IOException {
    ObjectKey key = newKey();
    byte[] bytes = bytes(1_000, 5);
    storage().write(key, MP4, file("source", bytes));
    Path target = file("target", bytes(50_000, 6));

    assertThat(storage().read(key, target)).map(StoredObject::size).contains((long) bytes.length);

    assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
  }

  @Test
  void theSourceIsLeftInPlaceAndADeletedObjectReadsEmpty() throws IOException {
    ObjectKey key = newKey();
    Path source = file("source", bytes(100, 7));
    storage().write(key, WEBM, source);

    storage().delete(key);

    assertThat(source).hasBinaryContent(bytes(100, 7));
    assertThat(storage().read(key, files.resolve("target"))).isEmpty();
  }

  @Test
  void writingAFileThatIsNotThereIsAnIllegalArgumentAndStoresNothing() {
    ObjectKey key = newKey();

    assertThatThrownBy(() -> storage().write(key, WEBM, files.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(storage().head(key)).isEmpty();
  }

  protected static ObjectKey newKey() {
    return ObjectKey.forRecording(RoomId.of("room-transfer"), Instant.now(), new RecordingId(UUID.randomUUID()), WEBM);
  }

  protected Path file(String name, byte[] bytes) throws IOException {
    return Files.write(files.resolve(name), bytes);
  }

  protected static byte[] bytes(int count, long seed) {
    byte[] bytes = new byte[count];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  protected static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}

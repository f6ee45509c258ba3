package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.domain.ETag;
import io.chatvideo.recording.local.Fixtures;
import io.chatvideo.recording.local.LocalBackend;
import io.chatvideo.recording.local.files.ObjectClient.Answer;
import io.chatvideo.recording.local.files.ObjectClient.Outcome;
import io.chatvideo.recording.core.testing.MutableClock;
import static io.chatvideo.recording.local.Fixtures.T0;
import static io.chatvideo.recording.local.Fixtures.WEBM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multipart uploads with S3's semantics, parts PUT through their capability URLs. */
class MultipartUploadIT {

  @TempDir
  Path data;

  private LocalBackend backend;
  private ObjectStorage storage;
  private ObjectClient client;
  private ObjectKey key;
  private String uploadId;

  @BeforeEach
  void start() {
    backend = LocalBackend.open(data, new MutableClock(T0));
    storage = backend.storage();
    client = new ObjectClient(backend.objects());
    key = Fixtures.newKey();
    uploadId = storage.startMultipart(key, WEBM);
    Fixtures.awaitUpload(backend.repository(), key, Optional.of(uploadId));
  }

  @AfterEach
  void close() {
    backend.close();
  }

  @Test
  void partsUploadedInAnyOrderAreListedAscendingAndJoinedInTheOrderNamed() {
    byte[] one = Fixtures.bytes(300_000, 1);
    byte[] two = Fixtures.bytes(200_000, 2);
    byte[] three = Fixtures.bytes(1_000, 3);
    String etag3 = putPart(3, three);
    String etag1 = putPart(1, one);
    String etag2 = putPart(2, two);

    assertThat(storage.listParts(key, uploadId)).containsExactly(
        new StoredPart(1, etag1, one.length), new StoredPart(2, etag2, two.length),
        new StoredPart(3, etag3, three.length));

    storage.completeMultipart(key, uploadId, List.of(new CompletedPart(1, etag1), new CompletedPart(2, etag2),
        new CompletedPart(3, etag3)));

    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    joined.writeBytes(one);
    joined.writeBytes(two);
    joined.writeBytes(three);
    assertThat(storage.head(key)).hasValueSatisfying(o -> {
      assertThat(o.size()).isEqualTo(joined.size());
      assertThat(o.sha256()).contains(Fixtures.sha256(joined.toByteArray()));
    });
    PresignedRequest get = storage.presignGet(key, WEBM, Filename.sanitize("a.webm", "a.webm"), T0.plusSeconds(60));
    assertThat(ObjectClient.bytes(client.send(get, null))).isEqualTo(joined.toByteArray());
  }

  @Test
  void aPartUploadedAgainReplacesTheEarlierOne() {
    putPart(1, Fixtures.bytes(100, 1));
    byte[] again = Fixtures.bytes(150, 2);
    String etag = putPart(1, again);

    assertThat(storage.listParts(key, uploadId)).containsExactly(new StoredPart(1, etag, 150));
  }

  @Test
  void completionDropsTheUploadSoItCanNeitherBeListedNorTakeMoreParts() {
    String etag = putPart(1, Fixtures.bytes(100, 1));
    PresignedRequest late = storage.presignPart(key, uploadId, 2, 10, T0.plusSeconds(60));
    storage.completeMultipart(key, uploadId, List.of(new CompletedPart(1, etag)));

    assertThatThrownBy(() -> storage.listParts(key, uploadId)).isInstanceOf(ConflictException.class);
    assertThat(client.send(late, new byte[10]).outcome()).isEqualTo(Outcome.NO_SUCH_UPLOAD);
    assertThat(data.resolve(FileObjectStorage.UPLOADS_FOLDER).resolve(uploadId)).doesNotExist();
  }

  @Test
  void abortDropsThePartsAndIsIdempotent() {
    putPart(1, Fixtures.bytes(100, 1));

    storage.abortMultipart(key, uploadId);
    storage.abortMultipart(key, uploadId);

    assertThatThrownBy(() -> storage.listParts(key, uploadId)).isInstanceOf(ConflictException.class);
    assertThat(data.resolve(FileObjectStorage.UPLOADS_FOLDER).resolve(uploadId)).doesNotExist();
    assertThat(storage.head(key)).isEmpty();
  }

  @Test
  void anUnknownUploadOrOneOfAnotherKeyIsAConflict() {
    assertThatThrownBy(() -> storage.listParts(key, "0".repeat(32))).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> storage.listParts(key, "../../objects")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> storage.listParts(Fixtures.newKey(), uploadId)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> storage.completeMultipart(key, "f".repeat(32), List.of(new CompletedPart(1, "x"))))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void completingWithAPartNotStoredOrAStaleEtagIsRefusedAndKeepsTheUpload() {
    String etag = putPart(1, Fixtures.bytes(100, 1));

    assertThatThrownBy(() -> storage.completeMultipart(key, uploadId, List.of(new CompletedPart(1, etag),
        new CompletedPart(2, etag)))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> storage.completeMultipart(key, uploadId, List.of(new CompletedPart(1, "\"stale\""))))
        .isInstanceOf(InvalidInputException.class);

    assertThat(storage.head(key)).isEmpty();
    assertThat(storage.listParts(key, uploadId)).hasSize(1);
  }

  @Test
  void aPartLongerOrShorterThanSignedIsRefusedAndNothingIsStored() {
    PresignedRequest part = storage.presignPart(key, uploadId, 1, 100, T0.plusSeconds(60));
    assertThat(part.headers()).containsEntry("Content-Length", "100");

    Answer declaredLonger = client.send("PUT", part, Map.of("Content-Length", "101"),
        new ByteArrayInputStream(new byte[101]));
    Map<String, String> undeclared = ObjectClient.headers(part, Map.of());
    undeclared.remove("content-length");
    Answer longer = client.sendRaw("PUT", part.uri().getRawPath(), part.uri().getRawQuery(), undeclared,
        new ByteArrayInputStream(new byte[101]));
    Answer shorter = client.sendRaw("PUT", part.uri().getRawPath(), part.uri().getRawQuery(), undeclared,
        new ByteArrayInputStream(new byte[99]));

    assertThat(declaredLonger.outcome()).isEqualTo(Outcome.CAPABILITY_REFUSED);
    assertThat(longer.outcome()).isEqualTo(Outcome.BAD_BODY);
    assertThat(shorter.outcome()).isEqualTo(Outcome.BAD_BODY);
    assertThat(storage.listParts(key, uploadId)).isEmpty();
  }

  @Test
  void aPartUrlCannotBeTurnedIntoAnotherPartOrAWholeObject() {
    PresignedRequest part = storage.presignPart(key, uploadId, 1, 1, T0.plusSeconds(60));
    String query = part.uri().getRawQuery();

    assertThat(client.sendRaw("PUT", part.uri().getRawPath(), query.replace("part_number=1", "part_number=2"),
        Map.of(), new ByteArrayInputStream(new byte[1])).outcome()).isEqualTo(Outcome.CAPABILITY_REFUSED);
    assertThat(client.sendRaw("PUT", part.uri().getRawPath(), query.replaceAll("upload_id=[0-9a-f]+&?", ""),
        Map.of(), new ByteArrayInputStream(new byte[1])).outcome()).isEqualTo(Outcome.CAPABILITY_REFUSED);
    assertThat(storage.head(key)).isEmpty();
  }

  @Test
  void theUploadFolderHoldsOnlyThePartsAndTheirStamps() throws Exception {
    putPart(1, Fixtures.bytes(100, 1));

    try (var files = Files.list(data.resolve(FileObjectStorage.UPLOADS_FOLDER).resolve(uploadId))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("upload", "00001.part", "00001.part.meta");
    }
  }

  private String putPart(int number, byte[] bytes) {
    PresignedRequest part = storage.presignPart(key, uploadId, number, bytes.length, T0.plusSeconds(60));
    Answer response = client.send(part, bytes);
    assertThat(response.outcome()).as(response.message().orElse("")).isEqualTo(Outcome.OK);
    assertThat(response.etag()).contains(ETag.of(Fixtures.sha256(bytes)));
    return response.etag().orElseThrow().quoted();
  }
}

package io.chatvideo.recording.local.files;

import io.chatvideo.recording.local.capability.Capability;
import io.chatvideo.recording.local.Fixtures;
import io.chatvideo.recording.local.LocalBackend;
import io.chatvideo.recording.core.domain.ETag;
import io.chatvideo.recording.local.files.ObjectClient.Answer;
import io.chatvideo.recording.local.files.ObjectClient.Outcome;
import io.chatvideo.recording.core.testing.MutableClock;
import static io.chatvideo.recording.local.Fixtures.T0;
import static io.chatvideo.recording.local.Fixtures.WEBM;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capability URL works exactly as signed, and in no other way. */
class CapabilityUrlIT {

  private static final byte[] TEN_BYTES = "0123456789".getBytes();

  @TempDir
  Path data;

  private final MutableClock clock = new MutableClock(T0);
  private LocalBackend backend;
  private ObjectClient client;
  private ObjectKey key;
  private PresignedRequest put;

  @BeforeEach
  void open() {
    backend = LocalBackend.open(data, clock);
    client = new ObjectClient(backend.objects());
    key = Fixtures.awaitingUpload(backend.repository());
    put = backend.storage().presignPut(key, WEBM, OptionalLong.of(10), T0.plus(Duration.ofMinutes(30)));
  }

  @AfterEach
  void close() {
    backend.close();
  }

  @Test
  void theUrlAsSignedStoresTheBodyAndAnswersItsSha256AsETag() {
    Answer response = client.send(put, TEN_BYTES);

    assertThat(response.outcome()).isEqualTo(Outcome.OK);
    assertThat(response.etag()).contains(ETag.of(Fixtures.sha256(TEN_BYTES)));
    assertThat(backend.storage().head(key)).hasValueSatisfying(o -> {
      assertThat(o.size()).isEqualTo(10);
      assertThat(o.sha256()).contains(Fixtures.sha256(TEN_BYTES));
    });
  }

  @Test
  void thePresignedRequestIsRelativeAndNamesTheHeadersToSend() {
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.uri().isAbsolute()).isFalse();
    assertThat(put.uri().getRawPath()).isEqualTo(Capability.PATH_PREFIX + key.value());
    assertThat(put.headers()).containsEntry("Content-Type", WEBM.value()).containsEntry("Content-Length", "10");
    assertThat(put.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
  }

  @Test
  void aChangedSignatureIsRefused() {
    String query = put.uri().getRawQuery();
    int at = query.indexOf("signature=") + "signature=".length();
    String tampered = query.substring(0, at) + (query.charAt(at) == 'A' ? 'B' : 'A') + query.substring(at + 1);

    assertRefused(client.sendRaw("PUT", put.uri().getRawPath(), tampered, ObjectClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);
  }

  @Test
  void anotherSpellingOfTheSameSignatureBitsIsRefused() {
    String query = put.uri().getRawQuery();
    int at = query.indexOf("signature=") + "signature=".length();
    int end = query.indexOf('&', at) < 0 ? query.length() : query.indexOf('&', at);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // The last character's lowest bit is one that base64 decoding drops: the bytes stay the same.
    char last = query.charAt(end - 1);
    char sameBits = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String signature = query.substring(at, end);
    String sameBytes = signature.substring(0, signature.length() - 1) + sameBits;
    assertThat(Base64.getUrlDecoder().decode(sameBytes)).isEqualTo(Base64.getUrlDecoder().decode(signature));
    String respelled = query.substring(0, at) + sameBytes + query.substring(end);

    assertRefused(client.sendRaw("PUT", put.uri().getRawPath(), respelled, ObjectClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);
  }

  @Test
  void theSignatureOfOneKeyDoesNotOpenAnother() {
    ObjectKey other = Fixtures.newKey();

    assertRefused(client.sendRaw("PUT", Capability.PATH_PREFIX + other.value(), put.uri().getRawQuery(),
        ObjectClient.headers(put, Map.of()), new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);
    assertThat(backend.storage().head(other)).isEmpty();
  }

  @Test
  void aRaisedLengthBoundIsRefused() {
    String raised = put.uri().getRawQuery().replace("length=10", "length=11");
    byte[] eleven = "01234567890".getBytes();

    assertRefused(client.sendRaw("PUT", put.uri().getRawPath(), raised,
        ObjectClient.headers(put, Map.of("Content-Length", "11")), new ByteArrayInputStream(eleven)), Outcome.CAPABILITY_REFUSED);
  }

  @Test
  void swappingTheExactLengthForAMaximumIsRefused() {
    String swapped = put.uri().getRawQuery().replace("length=10", "max_length=10");

    assertRefused(client.sendRaw("PUT", put.uri().getRawPath(), swapped, ObjectClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);
  }

  @Test
  void aLaterExpiryIsRefused() {
    long signed = put.expiresAt().getEpochSecond();
    String extended = put.uri().getRawQuery().replace("expires=" + signed, "expires=" + (signed + 3600));

    assertRefused(client.sendRaw("PUT", put.uri().getRawPath(), extended, ObjectClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);
  }

  @Test
  void anExpiredUrlIsRefusedFromItsExpiryOn() {
    clock.advance(Duration.ofMinutes(30).minusSeconds(1));
    PresignedRequest get = backend.storage().presignGet(key, WEBM, Filename.sanitize("a.webm", "a.webm"),
        T0.plus(Duration.ofMinutes(30)));
    assertThat(client.send(put, TEN_BYTES).outcome()).isEqualTo(Outcome.OK);

    clock.advance(Duration.ofSeconds(1));

    Answer late = client.send(put, TEN_BYTES);
    assertRefused(late, Outcome.CAPABILITY_REFUSED);
    assertThat(late.message()).hasValueSatisfying(m -> assertThat(m).contains("expired"));
    assertRefused(client.send(get, null), Outcome.CAPABILITY_REFUSED);
  }

  @Test
  void anUploadUrlCannotBeUsedToDownloadNorADownloadUrlToUpload() {
    assertThat(client.send(put, TEN_BYTES).outcome()).isEqualTo(Outcome.OK);
    PresignedRequest get = backend.storage().presignGet(key, WEBM, Filename.sanitize("a.webm", "a.webm"),
        T0.plusSeconds(60));

    assertRefused(client.send("GET", put, Map.of(), null), Outcome.CAPABILITY_REFUSED);
    assertRefused(client.send("HEAD", put, Map.of(), null), Outcome.CAPABILITY_REFUSED);
    assertRefused(client.send("PUT", get, Map.of("Content-Type", WEBM.value()),
        new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);
  }

  @Test
  void aPostersDownloadUrlServesTheJpeg() throws IOException {
    Path jpeg = data.resolve("poster.jpg");
    Files.write(jpeg, TEN_BYTES);
    backend.storage().write(key.thumbnail(), ContentType.JPEG, jpeg);
    PresignedRequest get = backend.storage().presignGet(key.thumbnail(), ContentType.JPEG,
        Filename.sanitize("a.jpg", "a.jpg"), T0.plusSeconds(60));

    Answer poster = client.send(get, null);

    assertThat(poster.outcome()).as("%s", poster).isEqualTo(Outcome.OK);
  }

  @Test
  void aBodyLongerThanTheSignedLengthStoresNothing() throws IOException {
    Answer response = client.sendRaw("PUT", put.uri().getRawPath(), put.uri().getRawQuery(),
        Map.of("content-type", WEBM.value()), new ByteArrayInputStream("0123456789A".getBytes()));

    assertRefused(response, Outcome.BAD_BODY);
    assertThat(backend.storage().head(key)).isEmpty();
    try (var staged = Files.list(data.resolve(FileObjectStorage.STAGING_FOLDER))) {
      assertThat(staged).isEmpty();
    }
  }

  @Test
  void aBodyShorterThanTheSignedLengthStoresNothing() {
    Answer response = client.sendRaw("PUT", put.uri().getRawPath(), put.uri().getRawQuery(),
        Map.of("content-type", WEBM.value()), new ByteArrayInputStream("012345678".getBytes()));

    assertRefused(response, Outcome.BAD_BODY);
    assertThat(backend.storage().head(key)).isEmpty();
  }

  @Test
  void aContentLengthOtherThanTheSignedOneIsRefusedBeforeReading() {
    Answer response = client.send("PUT", put, Map.of("Content-Length", "11"),
        new ByteArrayInputStream(TEN_BYTES));

    assertRefused(response, Outcome.CAPABILITY_REFUSED);
    assertThat(backend.storage().head(key)).isEmpty();
  }

  @Test
  void anUnsizedUploadIsBoundByTheLargestSinglePut() {
    PresignedRequest unsized = backend.storage().presignPut(key, WEBM, OptionalLong.empty(), T0.plusSeconds(60));

    assertThat(unsized.uri().getRawQuery()).contains("max_length=" + SizePolicy.DEFAULT_MAX_SINGLE_PUT);
    assertThat(unsized.headers()).doesNotContainKey("Content-Length");
    assertRefused(client.send("PUT", unsized,
        Map.of("Content-Length", Long.toString(SizePolicy.DEFAULT_MAX_SINGLE_PUT + 1)),
        new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);
    assertThat(client.send(unsized, TEN_BYTES).outcome()).isEqualTo(Outcome.OK);
  }

  @Test
  void anotherContentTypeIsRefusedButAnotherSpellingOfTheSignedOneIsNot() {
    assertRefused(client.send("PUT", put, Map.of("Content-Type", "video/mp4"), new ByteArrayInputStream(TEN_BYTES)),
        Outcome.CAPABILITY_REFUSED);
    assertRefused(client.sendRaw("PUT", put.uri().getRawPath(), put.uri().getRawQuery(), Map.of(),
        new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);

    Answer respelled = client.send("PUT", put, Map.of("Content-Type", "video/webm; codecs=\"vp8, opus\""),
        new ByteArrayInputStream(TEN_BYTES));

    assertThat(respelled.outcome()).isEqualTo(Outcome.OK);
  }

  @Test
  void pathsOutsideTheObjectsFolderAreNotObjects() {
    String query = put.uri().getRawQuery();
    for (String path : new String[] {"/objects/../signing.key", "/objects/recordings/../../signing.key",
        "/objects/%2e%2e/signing.key", "/objects/" + key.value() + "/../../../../signing.key", "/objects/"}) {
      Answer response = client.sendRaw("GET", path, query, Map.of(), null);
      assertThat(response.outcome()).as(path).isEqualTo(Outcome.NO_SUCH_OBJECT);
      assertThat(response.download()).as(path).isEmpty();
    }
  }

  @Test
  void aUrlWithoutSignatureOrWithARepeatedParameterIsRefused() {
    String query = put.uri().getRawQuery();
    String unsigned = query.substring(0, query.indexOf("&signature="));

    assertRefused(client.sendRaw("PUT", put.uri().getRawPath(), unsigned, ObjectClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);
    assertRefused(client.sendRaw("PUT", put.uri().getRawPath(), query + "&length=11",
        ObjectClient.headers(put, Map.of()), new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);
    assertRefused(client.sendRaw("PUT", put.uri().getRawPath(), null, ObjectClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);
  }

  @Test
  void aLineBreakSmuggledIntoAValueIsRefused() {
    String smuggled = put.uri().getRawQuery().replace("type=", "type=video%2Fwebm%0Alength%3D%3D10%0A");

    assertRefused(client.sendRaw("PUT", put.uri().getRawPath(), smuggled, ObjectClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), Outcome.CAPABILITY_REFUSED);
  }

  @Test
  void anUnknownObjectIsNotFound() {
    PresignedRequest get = backend.storage().presignGet(key, WEBM, Filename.sanitize("a.webm", "a.webm"),
        T0.plusSeconds(60));

    assertRefused(client.send(get, null), Outcome.NO_SUCH_OBJECT);
  }

  @Test
  void theSigningKeyIsPrivateAndOutlivesTheProcessButNotTheDataDirectory(@TempDir Path elsewhere) throws IOException {
    Path keyFile = data.resolve("signing.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    byte[] secret = Files.readAllBytes(keyFile);
    assertThat(secret).hasSize(32);

    try (LocalBackend reopened = LocalBackend.open(data, clock);
        LocalBackend other = LocalBackend.open(elsewhere.resolve("data"), clock)) {
      assertThat(Files.readAllBytes(keyFile)).isEqualTo(secret);
      assertThat(new ObjectClient(reopened.objects()).send(put, TEN_BYTES).outcome()).isEqualTo(Outcome.OK);
      assertRefused(new ObjectClient(other.objects()).send(put, TEN_BYTES), Outcome.CAPABILITY_REFUSED);
    }
  }

  private static void assertRefused(Answer response, Outcome outcome) {
    assertThat(response.outcome()).as(response.message().orElse("")).isEqualTo(outcome);
    assertThat(response.message()).isPresent();
    assertThat(response.download()).isEmpty();
  }
}

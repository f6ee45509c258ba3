package io.chatvideo.recording.local;

import io.chatvideo.recording.core.testing.MutableClock;
import static io.chatvideo.recording.local.Fixtures.T0;
import static io.chatvideo.recording.local.Fixtures.WEBM;
import static org.assertj.core.api.Assertions.assertThat;

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
  private EndpointClient client;
  private ObjectKey key;
  private PresignedRequest put;

  @BeforeEach
  void open() {
    backend = LocalBackend.open(data, clock);
    client = new EndpointClient(backend.objects());
    key = Fixtures.newKey();
    put = backend.storage().presignPut(key, WEBM, OptionalLong.of(10), T0.plus(Duration.ofMinutes(30)));
  }

  @AfterEach
  void close() {
    backend.close();
  }

  @Test
  void theUrlAsSignedStoresTheBodyAndAnswersItsSha256AsETag() {
    EndpointResponse response = client.send(put, TEN_BYTES);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("ETag", "\"" + Fixtures.sha256(TEN_BYTES) + "\"");
    assertThat(backend.storage().head(key)).hasValueSatisfying(o -> {
      assertThat(o.size()).isEqualTo(10);
      assertThat(o.sha256()).contains(Fixtures.sha256(TEN_BYTES));
    });
  }

  @Test
  void thePresignedRequestIsRelativeAndNamesTheHeadersToSend() {
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.url().isAbsolute()).isFalse();
    assertThat(put.url().getRawPath()).isEqualTo(ObjectEndpoint.PATH_PREFIX + key.value());
    assertThat(put.headers()).containsEntry("Content-Type", WEBM.value()).containsEntry("Content-Length", "10");
    assertThat(put.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
  }

  @Test
  void aChangedSignatureIsRefused() {
    String query = put.url().getRawQuery();
    int at = query.indexOf("signature=") + "signature=".length();
    String tampered = query.substring(0, at) + (query.charAt(at) == 'A' ? 'B' : 'A') + query.substring(at + 1);

    assertRefused(client.sendRaw("PUT", put.url().getRawPath(), tampered, EndpointClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), 403);
  }

  @Test
  void theSignatureOfOneKeyDoesNotOpenAnother() {
    ObjectKey other = Fixtures.newKey();

    assertRefused(client.sendRaw("PUT", ObjectEndpoint.PATH_PREFIX + other.value(), put.url().getRawQuery(),
        EndpointClient.headers(put, Map.of()), new ByteArrayInputStream(TEN_BYTES)), 403);
    assertThat(backend.storage().head(other)).isEmpty();
  }

  @Test
  void aRaisedLengthBoundIsRefused() {
    String raised = put.url().getRawQuery().replace("length=10", "length=11");
    byte[] eleven = "01234567890".getBytes();

    assertRefused(client.sendRaw("PUT", put.url().getRawPath(), raised,
        EndpointClient.headers(put, Map.of("Content-Length", "11")), new ByteArrayInputStream(eleven)), 403);
  }

  @Test
  void swappingTheExactLengthForAMaximumIsRefused() {
    String swapped = put.url().getRawQuery().replace("length=10", "max_length=10");

    assertRefused(client.sendRaw("PUT", put.url().getRawPath(), swapped, EndpointClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), 403);
  }

  @Test
  void aLaterExpiryIsRefused() {
    long signed = put.expiresAt().getEpochSecond();
    String extended = put.url().getRawQuery().replace("expires=" + signed, "expires=" + (signed + 3600));

    assertRefused(client.sendRaw("PUT", put.url().getRawPath(), extended, EndpointClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), 403);
  }

  @Test
  void anExpiredUrlIsRefusedFromItsExpiryOn() {
    clock.advance(Duration.ofMinutes(30).minusSeconds(1));
    PresignedRequest get = backend.storage().presignGet(key, WEBM, Filename.sanitize("a.webm", "a.webm"),
        T0.plus(Duration.ofMinutes(30)));
    assertThat(client.send(put, TEN_BYTES).status()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(1));

    EndpointResponse late = client.send(put, TEN_BYTES);
    assertRefused(late, 403);
    assertThat(late.error()).hasValueSatisfying(m -> assertThat(m).contains("expired"));
    assertRefused(client.send(get, null), 403);
  }

  @Test
  void anUploadUrlCannotBeUsedToDownloadNorADownloadUrlToUpload() {
    assertThat(client.send(put, TEN_BYTES).status()).isEqualTo(200);
    PresignedRequest get = backend.storage().presignGet(key, WEBM, Filename.sanitize("a.webm", "a.webm"),
        T0.plusSeconds(60));

    assertRefused(client.send("GET", put, Map.of(), null), 403);
    assertRefused(client.send("HEAD", put, Map.of(), null), 403);
    assertRefused(client.send("PUT", get, Map.of("Content-Type", WEBM.value()),
        new ByteArrayInputStream(TEN_BYTES)), 403);
  }

  @Test
  void aBodyLongerThanTheSignedLengthStoresNothing() throws IOException {
    EndpointResponse response = client.sendRaw("PUT", put.url().getRawPath(), put.url().getRawQuery(),
        Map.of("content-type", WEBM.value()), new ByteArrayInputStream("0123456789A".getBytes()));

    assertRefused(response, 400);
    assertThat(backend.storage().head(key)).isEmpty();
    try (var staged = Files.list(data.resolve(LocalBackend.STAGING_FOLDER))) {
      assertThat(staged).isEmpty();
    }
  }

  @Test
  void aBodyShorterThanTheSignedLengthStoresNothing() {
    EndpointResponse response = client.sendRaw("PUT", put.url().getRawPath(), put.url().getRawQuery(),
        Map.of("content-type", WEBM.value()), new ByteArrayInputStream("012345678".getBytes()));

    assertRefused(response, 400);
    assertThat(backend.storage().head(key)).isEmpty();
  }

  @Test
  void aContentLengthOtherThanTheSignedOneIsRefusedBeforeReading() {
    EndpointResponse response = client.send("PUT", put, Map.of("Content-Length", "11"),
        new ByteArrayInputStream(TEN_BYTES));

    assertRefused(response, 403);
    assertThat(backend.storage().head(key)).isEmpty();
  }

  @Test
  void anUnsizedUploadIsBoundByTheLargestSinglePut() {
    PresignedRequest unsized = backend.storage().presignPut(key, WEBM, OptionalLong.empty(), T0.plusSeconds(60));

    assertThat(unsized.url().getRawQuery()).contains("max_length=" + SizePolicy.DEFAULT_MAX_SINGLE_PUT);
    assertThat(unsized.headers()).doesNotContainKey("Content-Length");
    assertRefused(client.send("PUT", unsized,
        Map.of("Content-Length", Long.toString(SizePolicy.DEFAULT_MAX_SINGLE_PUT + 1)),
        new ByteArrayInputStream(TEN_BYTES)), 403);
    assertThat(client.send(unsized, TEN_BYTES).status()).isEqualTo(200);
  }

  @Test
  void anotherContentTypeIsRefusedButAnotherSpellingOfTheSignedOneIsNot() {
    assertRefused(client.send("PUT", put, Map.of("Content-Type", "video/mp4"), new ByteArrayInputStream(TEN_BYTES)),
        403);
    assertRefused(client.sendRaw("PUT", put.url().getRawPath(), put.url().getRawQuery(), Map.of(),
        new ByteArrayInputStream(TEN_BYTES)), 403);

    EndpointResponse respelled = client.send("PUT", put, Map.of("Content-Type", "video/webm; codecs=\"vp8, opus\""),
        new ByteArrayInputStream(TEN_BYTES));

    assertThat(respelled.status()).isEqualTo(200);
  }

  @Test
  void headerNamesAreMatchedWhateverTheirCase() {
    EndpointResponse response = client.sendRaw("PUT", put.url().getRawPath(), put.url().getRawQuery(),
        Map.of("Content-Type", WEBM.value(), "CONTENT-LENGTH", "10"), new ByteArrayInputStream(TEN_BYTES));

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void pathsOutsideTheObjectsFolderAreNotObjects() {
    String query = put.url().getRawQuery();
    for (String path : new String[] {"/objects/../signing.key", "/objects/recordings/../../signing.key",
        "/objects/%2e%2e/signing.key", "/objects/" + key.value() + "/../../../../signing.key", "/objects/",
        "/elsewhere/" + key.value()}) {
      EndpointResponse response = client.sendRaw("GET", path, query, Map.of(), null);
      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).isEmpty();
    }
  }

  @Test
  void aUrlWithoutSignatureOrWithARepeatedParameterIsRefused() {
    String query = put.url().getRawQuery();
    String unsigned = query.substring(0, query.indexOf("&signature="));

    assertRefused(client.sendRaw("PUT", put.url().getRawPath(), unsigned, EndpointClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), 403);
    assertRefused(client.sendRaw("PUT", put.url().getRawPath(), query + "&length=11",
        EndpointClient.headers(put, Map.of()), new ByteArrayInputStream(TEN_BYTES)), 403);
    assertRefused(client.sendRaw("PUT", put.url().getRawPath(), null, EndpointClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), 403);
    assertRefused(client.sendRaw("PUT", put.url().getRawPath(), "expires=%zz", Map.of(), null), 403);
  }

  @Test
  void aLineBreakSmuggledIntoAValueIsRefused() {
    String smuggled = put.url().getRawQuery().replace("type=", "type=video%2Fwebm%0Alength%3D%3D10%0A");

    assertRefused(client.sendRaw("PUT", put.url().getRawPath(), smuggled, EndpointClient.headers(put, Map.of()),
        new ByteArrayInputStream(TEN_BYTES)), 403);
  }

  @Test
  void otherMethodsAreNotAllowed() {
    EndpointResponse response = client.send("DELETE", put, Map.of(), null);

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers()).containsEntry("Allow", "GET, HEAD, PUT");
  }

  @Test
  void anUnknownObjectIsNotFound() {
    PresignedRequest get = backend.storage().presignGet(key, WEBM, Filename.sanitize("a.webm", "a.webm"),
        T0.plusSeconds(60));

    assertRefused(client.send(get, null), 404);
  }

  @Test
  void theSigningKeyIsPrivateAndOutlivesTheProcessButNotTheDataDirectory(@TempDir Path elsewhere) throws IOException {
    Path keyFile = data.resolve(LocalBackend.SIGNING_KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    byte[] secret = Files.readAllBytes(keyFile);
    assertThat(secret).hasSize(32);

    try (LocalBackend reopened = LocalBackend.open(data, clock);
        LocalBackend other = LocalBackend.open(elsewhere.resolve("data"), clock)) {
      assertThat(Files.readAllBytes(keyFile)).isEqualTo(secret);
      assertThat(new EndpointClient(reopened.objects()).send(put, TEN_BYTES).status()).isEqualTo(200);
      assertRefused(new EndpointClient(other.objects()).send(put, TEN_BYTES), 403);
    }
  }

  private static void assertRefused(EndpointResponse response, int status) {
    assertThat(response.status()).as(response.error().orElse("")).isEqualTo(status);
    assertThat(response.error()).isPresent();
    assertThat(response.body()).isEmpty();
  }
}

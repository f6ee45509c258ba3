package io.chatvideo.recording.local;

import io.chatvideo.recording.core.testing.MutableClock;
import static io.chatvideo.recording.local.Fixtures.T0;
import static io.chatvideo.recording.local.Fixtures.WEBM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET and HEAD of stored objects through download URLs, whole or by range. */
class ObjectDownloadIT {

  private static final int SIZE = 200_000;

  @TempDir
  Path data;

  private LocalBackend backend;
  private EndpointClient client;
  private ObjectKey key;
  private byte[] content;
  private PresignedRequest get;

  @BeforeEach
  void store() {
    backend = LocalBackend.open(data, new MutableClock(T0));
    client = new EndpointClient(backend.objects());
    key = Fixtures.newKey();
    content = Fixtures.bytes(SIZE, 7);
    PresignedRequest put = backend.storage().presignPut(key, WEBM, OptionalLong.of(SIZE), T0.plusSeconds(60));
    assertThat(client.send(put, content).status()).isEqualTo(200);
    get = backend.storage().presignGet(key, WEBM, Filename.sanitize("Call é 1.webm", "x.webm"), T0.plusSeconds(3600));
  }

  @AfterEach
  void close() {
    backend.close();
  }

  @Test
  void aGetAnswersTheWholeObjectWithTheSignedTypeAndFileName() {
    EndpointResponse response = client.send(get, null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers())
        .containsEntry("Content-Type", WEBM.value())
        .containsEntry("Content-Disposition", "attachment; filename=\"Call _ 1.webm\"; filename*=UTF-8''Call%20%C3%A9%201.webm")
        .containsEntry("Accept-Ranges", "bytes")
        .containsEntry("Content-Length", Integer.toString(SIZE))
        .containsEntry("ETag", "\"" + Fixtures.sha256(content) + "\"");
    assertThat(response.body().orElseThrow().length()).isEqualTo(SIZE);
    assertThat(EndpointClient.bytes(response)).isEqualTo(content);
  }

  @Test
  void aHeadAnswersTheHeadersOfTheGetWithoutABody() {
    EndpointResponse response = client.send("HEAD", get, Map.of(), null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("Content-Length", Integer.toString(SIZE))
        .containsEntry("Content-Type", WEBM.value());
    assertThat(response.body()).isEmpty();
  }

  @Test
  void aClosedRangeAnswersThosePartialBytes() {
    EndpointResponse response = range("bytes=100-199");

    assertThat(response.status()).isEqualTo(206);
    assertThat(response.headers()).containsEntry("Content-Range", "bytes 100-199/" + SIZE)
        .containsEntry("Content-Length", "100");
    assertThat(EndpointClient.bytes(response)).isEqualTo(Arrays.copyOfRange(content, 100, 200));
  }

  @Test
  void anOpenRangeAnswersToTheEndAndAnEndPastTheObjectIsClamped() {
    assertThat(EndpointClient.bytes(range("bytes=199990-"))).isEqualTo(Arrays.copyOfRange(content, 199_990, SIZE));
    EndpointResponse clamped = range("bytes=199990-999999999");
    assertThat(clamped.headers()).containsEntry("Content-Range", "bytes 199990-199999/" + SIZE);
    assertThat(EndpointClient.bytes(clamped)).hasSize(10);
  }

  @Test
  void aSuffixRangeAnswersTheLastBytes() {
    EndpointResponse response = range("bytes=-5");

    assertThat(response.status()).isEqualTo(206);
    assertThat(EndpointClient.bytes(response)).isEqualTo(Arrays.copyOfRange(content, SIZE - 5, SIZE));
  }

  @Test
  void aRangeStartingPastTheEndIsUnsatisfiable() {
    EndpointResponse response = range("bytes=" + SIZE + "-");

    assertThat(response.status()).isEqualTo(416);
    assertThat(response.headers()).containsEntry("Content-Range", "bytes */" + SIZE);
    assertThat(response.body()).isEmpty();
    assertThat(range("bytes=-0").status()).isEqualTo(416);
  }

  @Test
  void rangesThisDoesNotServeAreIgnoredForTheWholeObject() {
    for (String header : new String[] {"bytes=0-1,5-6", "items=0-1", "bytes=5-2", "bytes=x-y", "bytes=-"}) {
      EndpointResponse response = range(header);
      assertThat(response.status()).as(header).isEqualTo(200);
      assertThat(response.body().orElseThrow().length()).as(header).isEqualTo(SIZE);
    }
  }

  @Test
  void aBodyWhoseObjectWasReplacedMeanwhileFailsRatherThanMixVersions() {
    EndpointResponse response = client.send(get, null);
    byte[] other = Fixtures.bytes(SIZE, 8);
    PresignedRequest put = backend.storage().presignPut(key, WEBM, OptionalLong.of(SIZE), T0.plusSeconds(60));
    assertThat(client.send(put, other).status()).isEqualTo(200);

    assertThatThrownBy(() -> response.body().orElseThrow().writeTo(new ByteArrayOutputStream()))
        .isInstanceOf(IOException.class).hasMessageContaining("changed");
    assertThat(EndpointClient.bytes(client.send(get, null))).isEqualTo(other);
  }

  @Test
  void aDeletedObjectIsGone() {
    backend.storage().delete(key);
    backend.storage().delete(key);

    assertThat(client.send(get, null).status()).isEqualTo(404);
    assertThat(backend.storage().head(key)).isEmpty();
  }

  private EndpointResponse range(String header) {
    return client.send("GET", get, Map.of("Range", header), null);
  }
}

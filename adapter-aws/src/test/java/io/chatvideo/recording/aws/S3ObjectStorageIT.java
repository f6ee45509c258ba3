package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.StoredObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

@ExtendWith(AwsStandIns.class)
class S3ObjectStorageIT {

  private static final ContentType WEBM = ContentType.parse("video/webm;codecs=vp8,opus");
  private static final String BUCKET = "s3-storage-it";

  private static AwsBackend aws;
  private static ObjectStorage storage;

  @BeforeAll
  static void createBucket() {
    aws = AwsBackend.create(AwsStandIns.settings(BUCKET, "s3_storage_it"), AwsStandIns.credentials());
    aws.infrastructure().bootstrap(Duration.ofDays(30), List.of());
    storage = aws.storage();
  }

  @AfterAll
  static void close() {
    aws.close();
    AwsStandIns.deleteTable("s3_storage_it");
  }

  @Test
  void aPresignedPutSignsContentTypeAndLengthAndTheObjectArrivesWhole() {
    ObjectKey key = newKey();
    byte[] body = bytes(1000);

    PresignedRequest put = storage.presignPut(key, WEBM, OptionalLong.of(body.length), inMinutes(30));

    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.uri().getScheme()).isEqualTo("http");
    assertThat(put.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(put.headers()).isEqualTo(Map.of("content-type", WEBM.value(), "content-length", "1000",
        "if-none-match", "*"));
    assertThat(query(put.uri()).get("X-Amz-SignedHeaders")).isEqualTo("content-length;content-type;host;if-none-match");
    assertThat(put.uri().getRawQuery()).doesNotContainIgnoringCase("checksum");
    assertThat(PresignedHttp.send(put, body).statusCode()).isEqualTo(200);
    assertThat(storage.head(key)).contains(new StoredObject(1000, Optional.empty()));
  }

  @Test
  void withoutADeclaredSizeTheContentTypeAndTheCreateOnlyConditionAreSigned() {
    ObjectKey key = newKey();
    PresignedRequest put = storage.presignPut(key, WEBM, OptionalLong.empty(), inMinutes(30));

    assertThat(put.headers()).isEqualTo(Map.of("content-type", WEBM.value(), "if-none-match", "*"));
    assertThat(PresignedHttp.send(put, bytes(77)).statusCode()).isEqualTo(200);
    assertThat(storage.head(key)).map(StoredObject::size).contains(77L);
  }

  @Test
  void aPutWithoutTheSignedCreateOnlyConditionFailsTheSignature() {
    ObjectKey key = newKey();
    PresignedRequest put = storage.presignPut(key, WEBM, OptionalLong.empty(), inMinutes(30));
    Map<String, String> withoutCondition = Map.of("content-type", WEBM.value());

    assertThat(PresignedHttp.send("PUT", put.uri(), withoutCondition, bytes(10)).statusCode()).isEqualTo(403);
    assertThat(storage.head(key)).isEmpty();
  }

  @Test
  void aPresignedUrlLivesUntilTheRequestedExpiryInWholeSeconds() {
    Instant expiresAt = inMinutes(30);
    PresignedRequest put = storage.presignPut(newKey(), WEBM, OptionalLong.empty(), expiresAt);

    long lifetime = Long.parseLong(query(put.uri()).get("X-Amz-Expires"));
    assertThat(lifetime).isBetween(Duration.ofMinutes(30).minusSeconds(5).getSeconds(), Duration.ofMinutes(30).getSeconds());
    assertThat(put.expiresAt()).isBetween(expiresAt.minusSeconds(5), expiresAt.plusSeconds(1));
  }

  @Test
  void aDownloadUrlAnswersTheBytesAsAnAttachmentWithTheContentType() {
    ObjectKey key = newKey();
    byte[] body = bytes(2048);
    assertThat(PresignedHttp.send(storage.presignPut(key, WEBM, OptionalLong.of(body.length), inMinutes(5)), body)
        .statusCode()).isEqualTo(200);
    Filename filename = Filename.sanitize("Call with Zoë \"2\".webm", "x.webm");

    PresignedRequest get = storage.presignGet(key, WEBM, filename, inMinutes(60));
    HttpResponse<byte[]> response = PresignedHttp.send(get, null);

    assertThat(get.method()).isEqualTo("GET");
    assertThat(get.headers()).isEmpty();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
    assertThat(response.headers().firstValue("content-type")).contains(WEBM.value());
    assertThat(response.headers().firstValue("content-disposition")).contains(filename.contentDisposition());
  }

  @Test
  void aTamperedSignatureIsForbidden() {
    PresignedRequest put = storage.presignPut(newKey(), WEBM, OptionalLong.empty(), inMinutes(30));
    String signature = query(put.uri()).get("X-Amz-Signature");
    String forged = (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1);
    URI tampered = URI.create(put.url().toString().replace(signature, forged));

    assertThat(PresignedHttp.send("PUT", tampered, put.headers(), bytes(10)).statusCode()).isEqualTo(403);
  }

  @Test
  void aUrlPointedAtAnotherKeyIsForbidden() {
    ObjectKey key = newKey();
    ObjectKey other = newKey();
    PresignedRequest put = storage.presignPut(key, WEBM, OptionalLong.empty(), inMinutes(30));
    URI tampered = URI.create(put.url().toString().replace(key.value(), other.value()));

    assertThat(PresignedHttp.send("PUT", tampered, put.headers(), bytes(10)).statusCode()).isEqualTo(403);
    assertThat(storage.head(other)).isEmpty();
  }

  @Test
  void anotherContentTypeThanTheSignedOneIsForbidden() {
    ObjectKey key = newKey();
    PresignedRequest put = storage.presignPut(key, WEBM, OptionalLong.empty(), inMinutes(30));

    HttpResponse<byte[]> response = PresignedHttp.send("PUT", put.uri(), Map.of("content-type", "text/html"), bytes(10));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(storage.head(key)).isEmpty();
  }

  @Test
  void anotherLengthThanTheSignedOneIsForbidden() {
    ObjectKey key = newKey();
    PresignedRequest put = storage.presignPut(key, WEBM, OptionalLong.of(1000), inMinutes(30));

    assertThat(PresignedHttp.send("PUT", put.uri(), put.headers(), bytes(999)).statusCode()).isEqualTo(403);
    assertThat(storage.head(key)).isEmpty();
  }

  /**
   * The SDK presigner signs at the system time, so an expired URL is made by signing the adapter's
   * own request again with the SDK's SigV4 signer at a clock an hour back; the same request signed
   * at the present time is accepted, so the expiry alone is what is refused.
   */
  @Test
  void anExpiredUrlIsForbiddenWhileTheSameSignedNowIsAccepted() {
    ObjectKey key = newKey();
    PresignedRequest put = storage.presignPut(key, WEBM, OptionalLong.of(10), inMinutes(15));
    Instant now = Instant.now();

    URI expired = resign(put, Clock.fixed(now.minus(Duration.ofHours(1)), ZoneOffset.UTC), Duration.ofMinutes(15));
    URI current = resign(put, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(15));

    assertThat(PresignedHttp.send("PUT", expired, put.headers(), bytes(10)).statusCode()).isEqualTo(403);
    assertThat(storage.head(key)).isEmpty();
    assertThat(PresignedHttp.send("PUT", current, put.headers(), bytes(10)).statusCode()).isEqualTo(200);
  }

  @Test
  void aMultipartUploadOfThreePresignedPartsJoinsIntoOneObject() {
    ObjectKey key = newKey();
    String uploadId = storage.startMultipart(key, WEBM);
    List<byte[]> parts = List.of(bytes(5 * 1024 * 1024), bytes(5 * 1024 * 1024), bytes(123_457));
    List<CompletedPart> completed = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      PresignedRequest part = storage.presignPart(key, uploadId, i + 1, parts.get(i).length, inMinutes(30));
      assertThat(part.headers()).containsOnlyKeys("content-length");
      HttpResponse<byte[]> response = PresignedHttp.send(part, parts.get(i));
      assertThat(response.statusCode()).isEqualTo(200);
      completed.add(new CompletedPart(i + 1, response.headers().firstValue("etag").orElseThrow()));
    }

    List<StoredPart> stored = storage.listParts(key, uploadId);
    storage.completeMultipart(key, uploadId, completed);

    assertThat(stored).extracting(StoredPart::partNumber).containsExactly(1, 2, 3);
    assertThat(stored).extracting(StoredPart::size).containsExactly(5L * 1024 * 1024, 5L * 1024 * 1024, 123_457L);
    long total = parts.stream().mapToLong(p -> p.length).sum();
    assertThat(storage.head(key)).map(StoredObject::size).contains(total);
    byte[] downloaded = PresignedHttp.send(storage.presignGet(key, WEBM, Filename.sanitize("a.webm", "a.webm"),
        inMinutes(5)), null).body();
    assertThat(downloaded).isEqualTo(concat(parts));
  }

  @Test
  void aPartLongerThanItsSignedLengthIsRefusedByS3() {
    ObjectKey key = newKey();
    String uploadId = storage.startMultipart(key, WEBM);
    PresignedRequest part = storage.presignPart(key, uploadId, 1, 100, inMinutes(5));

    HttpResponse<byte[]> longer = PresignedHttp.send("PUT", part.uri(), part.headers(), bytes(101));

    assertThat(longer.statusCode()).isEqualTo(403);
    assertThat(storage.listParts(key, uploadId)).isEmpty();
  }

  @Test
  void anAbortedUploadIsGoneAndAbortingAgainIsQuiet() {
    ObjectKey key = newKey();
    String uploadId = storage.startMultipart(key, WEBM);
    assertThat(PresignedHttp.send(storage.presignPart(key, uploadId, 1, 100, inMinutes(5)), bytes(100)).statusCode())
        .isEqualTo(200);

    storage.abortMultipart(key, uploadId);
    storage.abortMultipart(key, uploadId);

    assertThatThrownBy(() -> storage.listParts(key, uploadId)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> storage.completeMultipart(key, uploadId, List.of(new CompletedPart(1, "\"x\""))))
        .isInstanceOf(ConflictException.class);
    assertThat(storage.head(key)).isEmpty();
  }

  @Test
  void listingThePartsOfAnUnknownUploadIsAConflict() {
    assertThatThrownBy(() -> storage.listParts(newKey(), "no-such-upload")).isInstanceOf(ConflictException.class);
  }

  @Test
  void headOfAMissingObjectIsEmptyAndDeletingItIsQuiet() {
    ObjectKey key = newKey();
    assertThat(storage.head(key)).isEmpty();
    storage.delete(key);

    assertThat(PresignedHttp.send(storage.presignPut(key, WEBM, OptionalLong.empty(), inMinutes(5)), bytes(5))
        .statusCode()).isEqualTo(200);
    storage.delete(key);
    assertThat(storage.head(key)).isEmpty();
  }

  @Test
  void anUnreachableEndpointIsStorageUnavailableWithinTheCallTimeout() throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    AwsSettings settings = new AwsSettings("us-east-1", BUCKET, "unused", Optional.of(closed), Optional.of(closed), true,
        Duration.ofSeconds(3));
    try (AwsBackend unreachable = AwsBackend.create(settings, AwsStandIns.credentials())) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> unreachable.storage().head(newKey()))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessageContaining("HeadObject");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(unreachable.storage().presignPut(newKey(), WEBM, OptionalLong.empty(), inMinutes(5)).uri().getPort())
          .as("signing needs no network").isEqualTo(closed.getPort());
    }
  }

  private static URI resign(PresignedRequest put, Clock clock, Duration lifetime) {
    String unsignedQuery = Arrays.stream(put.uri().getRawQuery().split("&"))
        .filter(parameter -> !parameter.startsWith("X-Amz-"))
        .collect(Collectors.joining("&"));
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
        .uri(URI.create(put.uri().getScheme() + "://" + put.uri().getRawAuthority() + put.uri().getRawPath()
            + (unsignedQuery.isEmpty() ? "" : "?" + unsignedQuery)));
    put.headers().forEach(request::putHeader);
    AwsCredentialsIdentity identity = AwsStandIns.credentials().resolveCredentials();
    return AwsV4HttpSigner.create().sign(sign -> sign
            .identity(identity)
            .request(request.build())
            .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
            .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
            .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
            .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, lifetime)
            .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
            .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
            .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
            .putProperty(HttpSigner.SIGNING_CLOCK, clock))
        .request().getUri();
  }

  /** The query parameters, decoded. */
  static Map<String, String> query(URI url) {
    return Arrays.stream(url.getRawQuery().split("&"))
        .map(parameter -> parameter.split("=", 2))
        .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> pair.length > 1 ? decode(pair[1]) : ""));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  static ObjectKey newKey() {
    return ObjectKey.forRecording(RoomId.of("room-it"), Instant.now(), new RecordingId(UUID.randomUUID()), WEBM);
  }

  static Instant inMinutes(long minutes) {
    return Instant.now().plus(Duration.ofMinutes(minutes));
  }

  static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    new Random(count).nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(List<byte[]> parts) {
    byte[] all = new byte[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}

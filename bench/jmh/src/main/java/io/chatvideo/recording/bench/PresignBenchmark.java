package io.chatvideo.recording.bench;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.local.LocalBackend;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Item 6: presigning one upload URL through each backend's {@link ObjectStorage#presignPut}, against
 * the bare cryptography a SigV4 URL cannot avoid: the HMAC-SHA256 chain (four HMACs derive the
 * signing key from the secret, a fifth signs the string to sign) plus the SHA-256 of the canonical
 * request. Nothing here touches the network: presigning is local computation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PresignBenchmark {

  private static final ContentType WEBM = ContentType.parse("video/webm");
  private static final OptionalLong SIZE = OptionalLong.of(50L * 1024 * 1024);

  private AwsBackend aws;
  private LocalBackend local;
  private Path localDir;
  private ObjectKey key;
  private Instant expiresAt;
  private byte[] secret;
  private byte[] canonicalRequest;
  private String stringToSignPrefix;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    // An endpoint nothing listens on: presigning never calls it.
    aws = AwsBackend.create(new AwsSettings("us-east-1", "recordings-bench", "recordings-bench",
            Optional.of(URI.create("http://127.0.0.1:1")), Optional.of(URI.create("http://127.0.0.1:1")), true,
            Duration.ofSeconds(10)),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABENCH0000000000", "bench-secret-key")));
    localDir = Files.createTempDirectory("presign-bench");
    local = LocalBackend.open(localDir, Clock.systemUTC());
    Instant now = Instant.now();
    key = ObjectKey.forRecording(RoomId.of("bench-room"), now, new RecordingId(UUID.randomUUID()), WEBM);
    expiresAt = now.plus(Duration.ofMinutes(30));
    secret = ("AWS4" + "bench-secret-key").getBytes(StandardCharsets.UTF_8);
    canonicalRequest = ("PUT\n/recordings-bench/" + key.value() + "\nX-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
        + "AKIABENCH0000000000%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250101T000000Z&X-Amz-Expires=1800"
        + "&X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost\ncontent-length:52428800\ncontent-type:video/webm\n"
        + "host:127.0.0.1:1\n\ncontent-length;content-type;host\nUNSIGNED-PAYLOAD").getBytes(StandardCharsets.UTF_8);
    stringToSignPrefix = "AWS4-HMAC-SHA256\n20250101T000000Z\n20250101/us-east-1/s3/aws4_request\n";
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    aws.close();
    local.close();
    try (var files = Files.walk(localDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public PresignedRequest awsPresigner() {
    return aws.storage().presignPut(key, WEBM, SIZE, expiresAt);
  }

  @Benchmark
  public PresignedRequest localHmac() {
    return local.storage().presignPut(key, WEBM, SIZE, expiresAt);
  }

  /** The floor for a SigV4 URL: SHA-256 of the canonical request and five HMAC-SHA256s. */
  @Benchmark
  public byte[] bareSigV4HmacChain() throws GeneralSecurityException {
    String hash = java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(canonicalRequest));
    byte[] k = hmac(secret, "20250101");
    k = hmac(k, "us-east-1");
    k = hmac(k, "s3");
    k = hmac(k, "aws4_request");
    return hmac(k, stringToSignPrefix + hash);
  }

  /** One HMAC-SHA256 over a short message, key set up each time (what a local capability needs at least). */
  @Benchmark
  public byte[] bareSingleHmac() throws GeneralSecurityException {
    return hmac(secret, "PUT\n" + key.value() + "\nvideo/webm\n52428800\n1735690000");
  }

  private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
  }
}

package io.chatvideo.recording.http.security;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** Starts the server jar for the security suite: small limits, a web directory beside the data directory. */
final class SecurityServers {

  static final int MAX_PENDING_UPLOADS = 3;
  static final int UPLOAD_REQUESTS_PER_MINUTE = 8;

  /** Small byte limits and a short upload window, for the bounds of open uploads (UploadBoundCases). */
  static final Map<String, String> BOUNDS = Map.of(
      "RECORDING_LIMITS_MAX_RECORDING_BYTES", Long.toString(12L * 1024 * 1024),
      "RECORDING_LIMITS_MAX_BYTES_PER_DAY", Long.toString(30L * 1024 * 1024),
      "RECORDING_LIMITS_MAX_UPLOAD_WINDOW", "10m",
      "RECORDING_LIMITS_UPLOAD_REQUESTS_PER_MINUTE", "600");

  private SecurityServers() {}

  /** Dev mode on the local backend: anyone on this machine can mint a token, nobody else can reach it. */
  static SecurityTarget localDev(Path work) {
    return localDev(work, Map.of());
  }

  /** Dev mode on the local backend with these settings beside the suite's own. */
  static SecurityTarget localDev(Path work, Map<String, String> settings) {
    ServerProcess server = start(work, settings);
    Api api = new Api(server.uri());
    return new SecurityTarget(server, api, work.resolve("data"), work.resolve("web"), api::devToken, Optional.empty(),
        true);
  }

  /** jwt mode, trusting the stand-in identity provider's JWKS. */
  static SecurityTarget localJwt(Path work, TestIdentityProvider idp) {
    ServerProcess server = start(work, jwt(idp));
    return new SecurityTarget(server, new Api(server.uri()), work.resolve("data"), work.resolve("web"),
        email -> idp.rs256(TestIdentityProvider.claims(email).build()), Optional.of(idp), true);
  }

  /** jwt mode on the aws backend, against S3Proxy and DynamoDB Local. */
  static SecurityTarget awsJwt(Path work, TestIdentityProvider idp) {
    return awsJwt(work, idp, Map.of());
  }

  /** jwt mode on the aws backend with these settings beside the suite's own. */
  static SecurityTarget awsJwt(Path work, TestIdentityProvider idp, Map<String, String> settings) {
    String name = "sec-" + UUID.randomUUID().toString().substring(0, 8);
    AwsCredentials credentials = AwsStandIns.credentials().resolveCredentials();
    Map<String, String> environment = new HashMap<>(jwt(idp));
    environment.putAll(Map.of(
        "RECORDING_BACKEND", "aws",
        "RECORDING_AWS_REGION", "us-east-1",
        "RECORDING_AWS_BUCKET", name,
        "RECORDING_AWS_TABLE", name,
        "RECORDING_AWS_S3_ENDPOINT", AwsStandIns.s3Endpoint().toString(),
        "RECORDING_AWS_DYNAMODB_ENDPOINT", AwsStandIns.dynamoDbEndpoint().toString(),
        "RECORDING_AWS_PATH_STYLE", "true",
        "RECORDING_AWS_BOOTSTRAP", "true",
        "AWS_ACCESS_KEY_ID", credentials.accessKeyId(),
        "AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey()));
    environment.putAll(settings);
    ServerProcess server = start(work, environment);
    return new SecurityTarget(server, new Api(server.uri()), work.resolve("data"), work.resolve("web"),
        email -> idp.rs256(TestIdentityProvider.claims(email).build()), Optional.of(idp), false);
  }

  private static Map<String, String> jwt(TestIdentityProvider idp) {
    return Map.of(
        "RECORDING_AUTH_MODE", "jwt",
        "RECORDING_AUTH_JWKS_URL", idp.jwksUrl().toString(),
        "RECORDING_AUTH_ISSUER", TestIdentityProvider.ISSUER,
        "RECORDING_AUTH_AUDIENCE", TestIdentityProvider.AUDIENCE);
  }

  private static ServerProcess start(Path work, Map<String, String> environment) {
    Path web = work.resolve("web");
    try {
      Files.createDirectories(web);
      Files.writeString(web.resolve("index.html"), "<!doctype html><title>demo</title>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> all = new HashMap<>();
    all.put("RECORDING_WEB_DIR", web.toString());
    all.put("RECORDING_LIMITS_MAX_PENDING_UPLOADS", Integer.toString(MAX_PENDING_UPLOADS));
    all.put("RECORDING_LIMITS_UPLOAD_REQUESTS_PER_MINUTE", Integer.toString(UPLOAD_REQUESTS_PER_MINUTE));
    all.put("RECORDING_LIMITS_DEV_TOKENS_PER_MINUTE", "600");
    all.putAll(environment);
    ServerProcess server = ServerProcess.start(work, all);
    server.awaitHealthy(new Api(server.uri()));
    return server;
  }
}

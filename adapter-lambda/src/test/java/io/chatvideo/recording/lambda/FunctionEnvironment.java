package io.chatvideo.recording.lambda;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** The environment variables of a function (and of the server beside it) on the stand-ins, as Terraform sets them. */
final class FunctionEnvironment {

  private FunctionEnvironment() {}

  /** jwt mode with {@code idp}, the aws backend on bucket, table and queue {@code name}; a map the caller may change. */
  static Map<String, String> of(String name, TestIdentityProvider idp) {
    Map<String, String> environment = new HashMap<>(Map.of(
        "RECORDING_BACKEND", "aws",
        "RECORDING_AUTH_MODE", "jwt",
        "RECORDING_AUTH_JWKS_URL", idp.jwksUrl().toString(),
        "RECORDING_AUTH_ISSUER", TestIdentityProvider.ISSUER,
        "RECORDING_AUTH_AUDIENCE", TestIdentityProvider.AUDIENCE,
        "RECORDING_AWS_REGION", "us-east-1",
        "RECORDING_AWS_BUCKET", name,
        "RECORDING_AWS_TABLE", name,
        "RECORDING_AWS_QUEUE", name,
        "RECORDING_AWS_PATH_STYLE", "true"));
    environment.putAll(Map.of(
        "RECORDING_AWS_S3_ENDPOINT", AwsStandIns.s3Endpoint().toString(),
        "RECORDING_AWS_DYNAMODB_ENDPOINT", AwsStandIns.dynamoDbEndpoint().toString(),
        "RECORDING_AWS_SQS_ENDPOINT", SqsStandIn.endpoint().toString(),
        "RECORDING_PUBLIC_URL", "https://api.example.com"));
    return environment;
  }

  /** The stand-ins' key pair as the SDK's default chain reads it in a process of its own. */
  static Map<String, String> credentials() {
    AwsCredentials credentials = AwsStandIns.credentials().resolveCredentials();
    return Map.of("AWS_ACCESS_KEY_ID", credentials.accessKeyId(), "AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
  }
}

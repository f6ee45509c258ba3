package io.chatvideo.recording.http.support;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The settings of a test server on the aws backend over the in-process stand-ins, bucket and table named {@code name}. */
public final class AwsServers {

  private AwsServers() {}

  public static Map<String, Object> properties(String name, Path dataDir) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("recording.backend", "aws");
    properties.put("recording.auth.allow-dev-with-aws", "true");
    properties.put("recording.data-dir", dataDir.toString());
    properties.put("recording.aws.region", "us-east-1");
    properties.put("recording.aws.bucket", name);
    properties.put("recording.aws.table", name);
    properties.put("recording.aws.s3-endpoint", AwsStandIns.s3Endpoint().toString());
    properties.put("recording.aws.dynamodb-endpoint", AwsStandIns.dynamoDbEndpoint().toString());
    properties.put("recording.aws.path-style", "true");
    properties.put("recording.aws.bootstrap", "true");
    return properties;
  }
}

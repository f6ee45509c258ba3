package io.chatvideo.recording.http.security;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SingleUseUploadUrlCases} on the aws backend; rename to {@code *IT} once branch {@code aws}
 * (If-None-Match on presigned PUTs, sealed DynamoDB cursors) is merged.
 */
@ExtendWith(AwsStandIns.class)
class AwsSingleUseUploadUrlChecks extends AttackedServer implements SingleUseUploadUrlCases {

  @Override
  SecurityTarget start(Path work, TestIdentityProvider idp) {
    return SecurityServers.awsJwt(work, idp);
  }
}

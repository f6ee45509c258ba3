package io.chatvideo.recording.http.security;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Page tokens on the aws backend (sealed DynamoDB cursors). The replayed-upload-URL cases do not
 * run here: S3Proxy does not enforce If-None-Match (see {@link SingleUseUploadUrlCases}).
 */
@ExtendWith(AwsStandIns.class)
class AwsSealedCursorIT extends AttackedServer implements SealedCursorCases {

  @Override
  SecurityTarget start(Path work, TestIdentityProvider idp) {
    return SecurityServers.awsJwt(work, idp);
  }
}

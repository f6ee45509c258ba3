package io.chatvideo.recording.http.security;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bounds of open uploads on the aws backend: S3 part URLs (S3Proxy), the DynamoDB ledger (DynamoDB Local). */
@ExtendWith(AwsStandIns.class)
class AwsUploadBoundsIT extends AttackedServer implements UploadBoundCases {

  @Override
  SecurityTarget start(Path work, TestIdentityProvider idp) {
    return SecurityServers.awsJwt(work, idp, SecurityServers.BOUNDS);
  }
}

package io.chatvideo.recording.http.security;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/** The attack suite against the jar in jwt mode on the aws backend (S3Proxy and DynamoDB Local). */
@ExtendWith(AwsStandIns.class)
class AwsJwtSecurityIT extends AttackedServer implements SecurityCases, JwtAttackCases {

  @Override
  SecurityTarget start(Path work, TestIdentityProvider idp) {
    return SecurityServers.awsJwt(work, idp);
  }
}

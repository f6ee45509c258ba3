package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.domain.ShareToken;
import io.chatvideo.recording.core.testing.ShareRepositoryContract;
import io.chatvideo.recording.core.testing.TestRecordings;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The share repository contract against DynamoDB Local, in the recordings table the admin init makes. */
@ExtendWith(AwsStandIns.class)
class DynamoDbShareRepositoryIT extends ShareRepositoryContract {

  @RegisterExtension
  static final FreshTables TABLES = new FreshTables("shares");

  @Override
  protected Stores stores() {
    String table = TABLES.create();
    return new Stores(new DynamoDbRecordingRepository(TABLES.client(), table, "bucket"),
        new DynamoDbShareRepository(TABLES.client(), table));
  }

  @Test
  void sharesInTheTableStayOutOfTheRecordingScans() {
    Stores stores = stores();
    var recording = TestRecordings.pending("alice@example.com", "room-1", T0);
    stores.recordings().insert(recording);
    stores.shares().insert(new Share(ShareId.random(), recording.id(), ShareToken.generate(new SecureRandom()).hash(),
        T0, T0.plusSeconds(60), Optional.empty(), true, false, 0));
    var later = T0.plus(Duration.ofDays(400));
    assertThat(stores.recordings().findExpired(later, 10)).extracting(r -> r.id()).containsExactly(recording.id());
    assertThat(stores.recordings().listAll(10, Optional.empty()).recordings()).hasSize(1);
  }
}

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The share repository contract against DynamoDB Local, in the recordings table the admin init makes. */
@ExtendWith(AwsStandIns.class)
class DynamoDbShareRepositoryIT extends ShareRepositoryContract {

  private static final AtomicInteger TABLES = new AtomicInteger();
  private static DynamoDbClient dynamoDb;
  private final List<String> tables = new ArrayList<>();

  @BeforeAll
  static void client() {
    dynamoDb = AwsStandIns.dynamoDbClient();
  }

  @AfterAll
  static void disconnect() {
    dynamoDb.close();
  }

  @AfterEach
  void deleteTables() {
    tables.forEach(AwsStandIns::deleteTable);
  }

  @Override
  protected Stores stores() {
    String table = "shares_" + TABLES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
    dynamoDb.createTable(TableSetup.createTableRequest(table));
    tables.add(table);
    return new Stores(new DynamoDbRecordingRepository(dynamoDb, table, "bucket"),
        new DynamoDbShareRepository(dynamoDb, table));
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

package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.PasscodeBudget;
import io.chatvideo.recording.core.testing.PasscodeAttemptsContract;
import io.chatvideo.recording.core.testing.TestRecordings;
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

/** The passcode tries contract against DynamoDB Local, through two clients as two servers have. */
@ExtendWith(AwsStandIns.class)
class DynamoDbPasscodeAttemptsIT extends PasscodeAttemptsContract {

  private static final AtomicInteger TABLES = new AtomicInteger();
  private static DynamoDbClient first;
  private static DynamoDbClient second;
  private final List<String> tables = new ArrayList<>();

  @BeforeAll
  static void clients() {
    first = AwsStandIns.dynamoDbClient();
    second = AwsStandIns.dynamoDbClient();
  }

  @AfterAll
  static void disconnect() {
    first.close();
    second.close();
  }

  @AfterEach
  void deleteTables() {
    tables.forEach(AwsStandIns::deleteTable);
  }

  private String table() {
    String table = "passcodes_" + TABLES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
    first.createTable(TableSetup.createTableRequest(table));
    tables.add(table);
    return table;
  }

  @Override
  protected Pair pair() {
    String table = table();
    return new Pair(new DynamoDbPasscodeAttempts(first, table), new DynamoDbPasscodeAttempts(second, table));
  }

  @Test
  void triesCarryATtlAndStayOutOfTheRecordingScans() {
    String table = table();
    var repository = new DynamoDbRecordingRepository(first, table, "bucket");
    var recording = TestRecordings.pending("alice@example.com", "room-1", T0);
    repository.insert(recording);
    new DynamoDbPasscodeAttempts(first, table).count(PasscodeBudget.forAddress("203.0.113.9"), T0, MINUTE);
    var items = first.scan(scan -> scan.tableName(table)).items();
    assertThat(items).filteredOn(item -> item.get(RecordingItem.PK).s().startsWith(DynamoDbPasscodeAttempts.PREFIX))
        .singleElement().satisfies(item -> assertThat(item.get(RecordingItem.TTL).n())
            .isEqualTo(Long.toString(T0.plus(Duration.ofMinutes(2)).getEpochSecond())));
    assertThat(repository.listAll(10, Optional.empty()).recordings()).hasSize(1);
  }
}

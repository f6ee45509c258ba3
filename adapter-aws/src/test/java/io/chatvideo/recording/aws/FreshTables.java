package io.chatvideo.recording.aws;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Tables of the recordings' shape on DynamoDB Local, for a contract test: one client per test
 * class, made when first needed (after {@link AwsStandIns} started the stand-in), each table
 * deleted after its test. Register as a static {@code @RegisterExtension} field.
 */
final class FreshTables implements AfterEachCallback, AfterAllCallback {

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();
  private final List<String> made = new ArrayList<>();
  private DynamoDbClient client;

  FreshTables(String prefix) {
    this.prefix = prefix;
  }

  synchronized DynamoDbClient client() {
    if (client == null) {
      client = AwsStandIns.dynamoDbClient();
    }
    return client;
  }

  /** A new, empty table as the admin init makes it. */
  synchronized String create() {
    String table = prefix + "_" + count.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
    client().createTable(TableSetup.createTableRequest(table));
    made.add(table);
    return table;
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    made.forEach(AwsStandIns::deleteTable);
    made.clear();
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}

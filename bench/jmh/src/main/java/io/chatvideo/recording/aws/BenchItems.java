package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.Recording;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Seeding help for the listing benchmark: lives in the adapter's package (on the classpath, not a
 * module) to reach {@code RecordingItem.toItem}, so a seeded item is exactly what the repository
 * writes, without writing 100,000 items one PutItem at a time.
 */
public final class BenchItems {

  private BenchItems() {}

  public static Map<String, AttributeValue> item(Recording recording, String bucket) {
    return RecordingItem.toItem(recording, bucket);
  }
}

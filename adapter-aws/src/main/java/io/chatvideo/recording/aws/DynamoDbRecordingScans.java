package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.n;
import static io.chatvideo.recording.aws.RecordingItem.s;

import io.chatvideo.recording.core.domain.AbandonedRecording;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.port.out.RecordingRepository.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The administrative paths of {@link DynamoDbRecordingRepository} ({@link #listAll}, {@link
 * #findExpired}, {@link #findUnfinishedUploads}, {@link #findStalledProcessing}) Scan the table
 * with a filter: they serve the CLI and the sweep, never a user's request, and an index for them
 * would cost on every write.
 */
record DynamoDbRecordingScans(DynamoDbClient dynamoDb, String table, DynamoDbCalls calls, PageCursor cursors) {

  private static final int SCAN_BATCH = 500;
  /** The scope of {@link #listAll}'s cursors. */
  private static final String ALL = "scan";

  /** Every recording, in the table's order (not newest first): a Scan, for administrators only. */
  Page listAll(int limit, Optional<String> cursor) {
    Map<String, Pattern> keyForm = Map.of(RecordingItem.PK, DynamoDbRecordingQueries.RECORDING_PK, RecordingItem.SK,
        DynamoDbRecordingQueries.METADATA_SK);
    Map<String, AttributeValue> start = cursor.map(c -> cursors.open(c, ALL, keyForm)).orElse(null);
    List<Recording> page = new ArrayList<>();
    Map<String, AttributeValue> lastReturned = null;
    while (true) {
      Map<String, AttributeValue> from = start;
      // Only recordings: the table also holds the key that seals cursors (CursorSecret).
      ScanResponse response = call("Scan", () -> dynamoDb.scan(scan -> scan.tableName(table)
          .filterExpression("begins_with(#pk, :recording)")
          .expressionAttributeNames(Map.of("#pk", RecordingItem.PK))
          .expressionAttributeValues(Map.of(":recording", s(RecordingItem.PK_PREFIX)))
          .exclusiveStartKey(from).limit(limit + 1)));
      for (Map<String, AttributeValue> item : response.items()) {
        if (page.size() == limit) {
          return new Page(page,
              Optional.of(cursors.seal(DynamoDbRecordingQueries.keyOf(lastReturned, keyForm), ALL)));
        }
        page.add(RecordingItem.fromItem(item));
        lastReturned = item;
      }
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return new Page(page, Optional.empty());
      }
      start = response.lastEvaluatedKey();
    }
  }

  /**
   * An administrative Scan, filtered on {@code ttl} in DynamoDB and on {@code expires_at} exactly
   * here. {@code ttl} is {@code expires_at} plus the grace, rounded up to the second (or, written
   * before the grace existed, {@code expires_at} alone), so "{@code ttl <= now + grace} rounded up"
   * keeps every expired item of either kind.
   */
  List<Recording> findExpired(Instant now, int limit) {
    long bound = RetentionPolicy.ttlEpochSeconds(now.plus(RecordingItem.TTL_GRACE));
    return scan("#ttl <= :bound", Map.of("#ttl", RecordingItem.TTL), Map.of(":bound", n(bound)),
        recording -> recording.details().isExpired(now), limit);
  }

  /** An administrative Scan for PENDING and ABANDONED items; the upload window is checked here. */
  List<Recording> findUnfinishedUploads(Instant uploadWindowClosedBefore, int limit) {
    return scan("#status IN (:pending, :abandoned)", Map.of("#status", RecordingItem.STATUS),
        Map.of(":pending", s(RecordingStatus.PENDING.name()), ":abandoned", s(RecordingStatus.ABANDONED.name())),
        recording -> recording instanceof AbandonedRecording
            || (recording instanceof PendingRecording pending
                && pending.uploadExpiresAt().isBefore(uploadWindowClosedBefore)),
        limit);
  }

  /**
   * An administrative Scan for items whose processing is queued or running, for the sweep; the
   * time is compared here, on the instants rather than their strings.
   */
  List<CompletedRecording> findStalledProcessing(Instant since, int limit) {
    return scan("#processing IN (:queued, :running)", Map.of("#processing", RecordingItem.PROCESSING),
        Map.of(":queued", s(ProcessingState.QUEUED.wireName()), ":running", s(ProcessingState.RUNNING.wireName())),
        recording -> recording instanceof CompletedRecording completed
            && completed.processing().since().isBefore(since),
        limit).stream().map(CompletedRecording.class::cast).toList();
  }

  private List<Recording> scan(String filter, Map<String, String> names, Map<String, AttributeValue> values,
      Predicate<Recording> keep, int limit) {
    // Other kinds of items share the table (share links, the cursor secret): only recordings are read back.
    Map<String, String> allNames = new LinkedHashMap<>(names);
    allNames.put("#scanpk", RecordingItem.PK);
    Map<String, AttributeValue> allValues = new LinkedHashMap<>(values);
    allValues.put(":scanrecording", s(RecordingItem.PK_PREFIX));
    ScanFilter recordingsOnly = new ScanFilter("begins_with(#scanpk, :scanrecording) AND (" + filter + ")", allNames,
        allValues);
    List<Recording> found = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    while (found.size() < limit) {
      Map<String, AttributeValue> from = start;
      ScanResponse response = call("Scan", () -> dynamoDb.scan(scan -> scan.tableName(table)
          .filterExpression(recordingsOnly.filter())
          .expressionAttributeNames(recordingsOnly.names())
          .expressionAttributeValues(recordingsOnly.values())
          .exclusiveStartKey(from)
          .limit(SCAN_BATCH)));
      for (Map<String, AttributeValue> item : response.items()) {
        Recording recording = RecordingItem.fromItem(item);
        if (keep.test(recording) && found.size() < limit) {
          found.add(recording);
        }
      }
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        break;
      }
      start = response.lastEvaluatedKey();
    }
    return found;
  }

  private <T> T call(String operation, Supplier<T> action) {
    return calls.call(operation, action);
  }

  private record ScanFilter(String filter, Map<String, String> names, Map<String, AttributeValue> values) {}
}

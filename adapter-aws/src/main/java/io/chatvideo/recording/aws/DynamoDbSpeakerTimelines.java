package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.n;
import static io.chatvideo.recording.aws.RecordingItem.s;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import io.chatvideo.recording.core.domain.SpeakersState;
import io.chatvideo.recording.core.domain.SpeechSegment;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Speaker timelines as items of the recordings table: {@code PK = SPEAKERS#{recording_id}, SK =
 * SPEAKERS}, {@code state}, {@code reason}, {@code segments} (one string in {@link
 * SpeechSegment#toText}'s form, at most {@link SpeakerTimeline#MAX_SEGMENTS} lines: about 100 KB,
 * within an item's 400 KB), {@code made_at}, and the recording's own {@code ttl}, so DynamoDB
 * expires it with the recording. Outside the recordings' {@code RECORDING#} partitions, so no
 * listing or administrative Scan reads it; a deleted recording's item is deleted with it ({@link
 * DynamoDbRecordingRepository#keys}). One GetItem to read; a GetItem of the recording and a PutItem
 * to write.
 */
final class DynamoDbSpeakerTimelines implements SpeakerTimelines {

  static final String PREFIX = "SPEAKERS#";
  static final String SK = "SPEAKERS";
  private static final String STATE = "state";
  private static final String REASON = "reason";
  private static final String SEGMENTS = "segments";
  private static final String MADE_AT = "made_at";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbRecordingRepository recordings;
  private final DynamoDbCalls calls;

  DynamoDbSpeakerTimelines(DynamoDbClient dynamoDb, String table, DynamoDbRecordingRepository recordings) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.recordings = recordings;
    this.calls = new DynamoDbCalls(table);
  }

  static Map<String, AttributeValue> key(RecordingId id) {
    return Map.of(RecordingItem.PK, s(PREFIX + id), RecordingItem.SK, s(SK));
  }

  /**
   * Nothing is written for a recording that is gone. One deleted between the read and the write
   * leaves an item no one reads, which its TTL (the recording's) removes.
   */
  @Override
  public void save(RecordingId id, SpeakerTimeline timeline) {
    Optional<Instant> expiresAt = recordings.find(id).map(r -> r.details().expiresAt());
    if (expiresAt.isEmpty()) {
      return;
    }
    Map<String, AttributeValue> item = new HashMap<>(key(id));
    item.put(STATE, s(timeline.state().wireName()));
    timeline.reason().ifPresent(reason -> item.put(REASON, s(reason)));
    item.put(SEGMENTS, s(SpeechSegment.toText(timeline.segments())));
    item.put(MADE_AT, s(timeline.madeAt().toString()));
    item.put(RecordingItem.TTL, n(RetentionPolicy.ttlEpochSeconds(expiresAt.get().plus(RecordingItem.TTL_GRACE))));
    calls.call("PutItem", () -> dynamoDb.putItem(put -> put.tableName(table).item(item)));
  }

  @Override
  public Optional<SpeakerTimeline> find(RecordingId id) {
    var response = calls.call("GetItem", () -> dynamoDb.getItem(get -> get.tableName(table).key(key(id))
        .consistentRead(true)));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = response.item();
    return Optional.of(new SpeakerTimeline(SpeakersState.fromWireName(RecordingItem.string(item, STATE)),
        RecordingItem.optionalString(item, REASON), SpeechSegment.fromText(RecordingItem.string(item, SEGMENTS)),
        Instant.parse(RecordingItem.string(item, MADE_AT))));
  }
}

package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.n;
import static io.chatvideo.recording.aws.RecordingItem.s;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.domain.TranscriptState;
import io.chatvideo.recording.core.port.out.Transcripts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Transcripts as items of the recordings table: {@code PK = TRANSCRIPT#{recording_id}, SK =
 * TRANSCRIPT}, {@code state}, {@code reason}, {@code engine}, {@code cues} (binary: {@link
 * Transcript#toText}'s form, gzip-compressed; the longest transcript, {@link Transcript#MAX_CHARS}
 * characters of speech, is about 150 KB so), {@code made_at}, and the recording's own {@code ttl},
 * so DynamoDB expires it with the recording. A transcript whose compressed cues would still pass
 * {@link #MAX_CUES_BYTES} (a long call in a script gzip cannot shrink) is kept as failed {@code
 * answer_too_large} instead of failing the write on the 400 KB item limit. Outside the recordings'
 * {@code RECORDING#} partitions, so no listing or administrative Scan reads it; a deleted
 * recording's item is deleted with it ({@link DynamoDbRecordingRepository#keys}). One GetItem to
 * read (a projection without the cues for a status; a BatchGetItem per 100 for a listing's page); a GetItem of the recording and a
 * PutItem to write.
 */
final class DynamoDbTranscripts implements Transcripts {

  static final String PREFIX = "TRANSCRIPT#";
  static final String SK = "TRANSCRIPT";
  /** Below DynamoDB's 400 KB item limit with room for the key and the other attributes. */
  static final int MAX_CUES_BYTES = 380_000;
  private static final String STATE = "state";
  private static final String REASON = "reason";
  private static final String ENGINE = "engine";
  private static final String CUES = "cues";
  private static final String MADE_AT = "made_at";

  private static final String STATUS_PROJECTION = "#state, #reason, #engine, #made_at";
  private static final Map<String, String> STATUS_NAMES = Map.of("#state", STATE, "#reason", REASON, "#engine",
      ENGINE, "#made_at", MADE_AT);
  private static final Map<String, String> STATUS_NAMES_WITH_KEY = Map.of("#pk", RecordingItem.PK, "#state", STATE,
      "#reason", REASON, "#engine", ENGINE, "#made_at", MADE_AT);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbRecordingRepository recordings;
  private final DynamoDbCalls calls;

  DynamoDbTranscripts(DynamoDbClient dynamoDb, String table, DynamoDbRecordingRepository recordings) {
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
  public void save(RecordingId id, Transcript transcript) {
    Optional<Instant> expiresAt = recordings.find(id).map(r -> r.details().expiresAt());
    if (expiresAt.isEmpty()) {
      return;
    }
    byte[] cues = gzip(Transcript.toText(transcript.cues()));
    if (cues.length > MAX_CUES_BYTES) {
      transcript = Transcript.failed(transcript.engine(), Transcript.ANSWER_TOO_LARGE, transcript.madeAt());
      cues = gzip("");
    }
    Map<String, AttributeValue> item = new HashMap<>(key(id));
    item.put(STATE, s(transcript.state().wireName()));
    transcript.reason().ifPresent(reason -> item.put(REASON, s(reason)));
    item.put(ENGINE, s(transcript.engine()));
    item.put(CUES, AttributeValue.fromB(SdkBytes.fromByteArray(cues)));
    item.put(MADE_AT, s(transcript.madeAt().toString()));
    item.put(RecordingItem.TTL, n(RetentionPolicy.ttlEpochSeconds(expiresAt.get().plus(RecordingItem.TTL_GRACE))));
    calls.call("PutItem", () -> dynamoDb.putItem(put -> put.tableName(table).item(item)));
  }

  @Override
  public Optional<Transcript> find(RecordingId id) {
    var response = calls.call("GetItem", () -> dynamoDb.getItem(get -> get.tableName(table).key(key(id))
        .consistentRead(true)));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = response.item();
    return Optional.of(transcript(item, Transcript.fromText(gunzip(item.get(CUES).b().asByteArray()))));
  }

  @Override
  public Optional<Transcript> status(RecordingId id) {
    var response = calls.call("GetItem", () -> dynamoDb.getItem(get -> get.tableName(table).key(key(id))
        .consistentRead(true).projectionExpression(STATUS_PROJECTION).expressionAttributeNames(STATUS_NAMES)));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(transcript(response.item(), List.of()));
  }

  /** A BatchGetItem per 100 ids of the status attributes and the key, never the cues. */
  @Override
  public Map<RecordingId, Transcript> statuses(Collection<RecordingId> ids) {
    Map<String, RecordingId> asked = new HashMap<>();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (RecordingId id : ids) {
      if (asked.putIfAbsent(PREFIX + id, id) == null) {
        keys.add(key(id));
      }
    }
    Map<RecordingId, Transcript> found = new HashMap<>();
    for (Map<String, AttributeValue> item : calls.batchGet(dynamoDb, keys, read -> read
        .projectionExpression("#pk, " + STATUS_PROJECTION).expressionAttributeNames(STATUS_NAMES_WITH_KEY))) {
      found.put(asked.get(RecordingItem.string(item, RecordingItem.PK)), transcript(item, List.of()));
    }
    return found;
  }

  private static Transcript transcript(Map<String, AttributeValue> item,
      List<io.chatvideo.recording.core.domain.TranscriptCue> cues) {
    return new Transcript(TranscriptState.fromWireName(RecordingItem.string(item, STATE)),
        RecordingItem.optionalString(item, REASON), RecordingItem.string(item, ENGINE), cues,
        Instant.parse(RecordingItem.string(item, MADE_AT)));
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String gunzip(byte[] gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.n;
import static io.chatvideo.recording.aws.RecordingItem.s;

import io.chatvideo.recording.core.domain.ListingOrder;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository.Page;
import io.chatvideo.recording.core.port.out.UploadUsage;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The user-facing reads of {@link DynamoDbRecordingRepository}: its listings and upload usage.
 *
 * <p>Listings query the {@code by_owner} and {@code by_room}
 * indexes newest first. Their filters (not expired; in a room, owned by or shared with the
 * viewer) run in DynamoDB, to save reading throughput and transfer, and again here, exactly.
 * Because a filter makes DynamoDB pages short, a listing page goes on querying until it has its
 * limit plus one, or {@value #MAX_QUERIES_PER_PAGE} queries were made; the cursor is the key of
 * the last recording returned (or, when the query budget ran out, the last key DynamoDB
 * evaluated), so each recording appears exactly once across the pages. The caller gets it
 * sealed ({@link PageCursor}): it cannot read whose recording that last key was, nor point it
 * elsewhere.
 *
 * <p>{@link #uploadUsage} queries {@code by_owner} too, newest first, with the key condition
 * {@code GSI1SK >= since} and a projection of the six attributes it sums (no recording is
 * rebuilt). It reads at most the newest {@value #MAX_USAGE_ITEMS} recordings of the day that are
 * not expired, the bound the upload check had when it read the listing: open uploads are among
 * the newest (their window is minutes to hours), and a user who starts more recordings a day has
 * only those counted towards the bytes of the day. The index projects ALL attributes, so each
 * item costs its full size in read capacity whatever the projection returns (see the README).
 */
record DynamoDbRecordingQueries(DynamoDbClient dynamoDb, String table, DynamoDbCalls calls, PageCursor cursors) {

  static final int MAX_QUERIES_PER_PAGE = 20;
  static final int MAX_USAGE_ITEMS = 1_000;

  static final Pattern RECORDING_PK = Pattern.compile(Pattern.quote(RecordingItem.PK_PREFIX)
      + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  static final Pattern METADATA_SK = Pattern.compile(Pattern.quote(RecordingItem.SK_PREFIX) + "\\d{8}-\\d{6}");
  private static final Pattern LISTING_SK = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /**
   * The owner's or the room's index (the room's filtered to what the viewer may see), with the
   * date range as the key condition on the index sort key (its fixed-width {@code created_at}
   * prefix: {@code BETWEEN from AND to} takes every key of {@code from} itself and none of {@code
   * to}, whose keys all sort after the bare time) and the other parts as filter expressions.
   * DynamoDB charges the items a filter drops as it charges the kept ones, so a rare match costs
   * up to {@value #MAX_QUERIES_PER_PAGE} queries of a page's size each, then answers a short page
   * with a cursor (README, "Search"). {@code q} matches {@code search_text}; an item written before
   * that attribute existed passes DynamoDB's filter and is matched here, in Java, instead.
   */
  Page list(RecordingFilter filter, UserId viewer, Instant now, int limit, Optional<String> cursor) {
    List<String> conditions = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    conditions.add("#ttl > :now");
    names.put("#ttl", RecordingItem.TTL);
    values.put(":now", n(now.getEpochSecond()));
    Listing listing;
    if (filter.room().isPresent()) {
      listing = new Listing(RecordingItem.BY_ROOM, RecordingItem.ROOM_PK, RecordingItem.ROOM_SK,
          RecordingItem.roomPartition(filter.room().get()), viewer, filter.canonical());
      conditions.add("(#owner = :viewer OR contains(#participants, :viewer))");
      names.put("#owner", RecordingItem.USER_ID);
      names.put("#participants", RecordingItem.PARTICIPANTS);
      values.put(":viewer", s(viewer.value()));
    } else {
      listing = new Listing(RecordingItem.BY_OWNER, RecordingItem.OWNER_PK, RecordingItem.OWNER_SK,
          RecordingItem.ownerPartition(viewer), viewer, filter.canonical());
    }
    filter.status().ifPresent(status -> {
      conditions.add("#status = :status");
      names.put("#status", RecordingItem.STATUS);
      values.put(":status", s(status.name()));
    });
    filter.processing().ifPresent(processing -> {
      names.put("#processing", RecordingItem.PROCESSING);
      values.put(":processing", s(processing.wireName()));
      if (processing == ProcessingState.OFF) {
        // Completed before processing existed: no attribute, which reads as off.
        conditions.add("(#processing = :processing OR (attribute_not_exists(#processing) AND #status = :completed))");
        names.put("#status", RecordingItem.STATUS);
        values.put(":completed", s(RecordingStatus.COMPLETED.name()));
      } else {
        conditions.add("#processing = :processing");
      }
    });
    filter.q().ifPresent(q -> {
      conditions.add("(contains(#search, :q) OR attribute_not_exists(#search))");
      names.put("#search", RecordingItem.SEARCH_TEXT);
      values.put(":q", s(q.folded()));
    });
    filter.participant().ifPresent(participant -> {
      conditions.add("contains(#participants, :participant)");
      names.put("#participants", RecordingItem.PARTICIPANTS);
      values.put(":participant", s(participant.value()));
    });
    Optional<String> range = Optional.empty();
    if (filter.from().isPresent() || filter.to().isPresent()) {
      names.put("#sort", listing.sortName());
      filter.from().ifPresent(from -> values.put(":from", s(RecordingItem.listingSortKeyFrom(from))));
      filter.to().ifPresent(to -> values.put(":to", s(RecordingItem.listingSortKeyFrom(to))));
      range = Optional.of(filter.from().isEmpty() ? "#sort < :to"
          : filter.to().isEmpty() ? "#sort >= :from" : "#sort BETWEEN :from AND :to");
    }
    boolean inRoom = filter.room().isPresent();
    return query(listing, range, String.join(" AND ", conditions), names, values,
        recording -> (inRoom ? recording.details().isVisibleTo(viewer) : recording.details().isOwnedBy(viewer))
            && !recording.details().isExpired(now) && filter.matches(recording),
        filter.order() == ListingOrder.NEWEST, limit, cursor);
  }

  UploadUsage uploadUsage(UserId owner, Instant since, Instant now) {
    Map<String, String> names = Map.of("#partition", RecordingItem.OWNER_PK, "#sk", RecordingItem.OWNER_SK,
        "#ttl", RecordingItem.TTL, "#status", RecordingItem.STATUS, "#created", RecordingItem.CREATED_AT,
        "#expires", RecordingItem.EXPIRES_AT, "#window", RecordingItem.UPLOAD_EXPIRES_AT,
        "#declared", RecordingItem.DECLARED_SIZE, "#stored", RecordingItem.STORED_SIZE);
    Map<String, AttributeValue> values = Map.of(":partition", s(RecordingItem.ownerPartition(owner)),
        ":since", s(RecordingItem.listingSortKeyFrom(since)), ":now", n(now.getEpochSecond()));
    int counted = 0;
    int open = 0;
    long bytes = 0;
    Instant earliestWindowEnd = null;
    Instant oldest = null;
    Map<String, AttributeValue> start = null;
    while (counted < MAX_USAGE_ITEMS) {
      QueryRequest request = QueryRequest.builder().tableName(table).indexName(RecordingItem.BY_OWNER)
          .keyConditionExpression("#partition = :partition AND #sk >= :since")
          .filterExpression("#ttl > :now")
          .projectionExpression("#status, #created, #expires, #window, #declared, #stored")
          .expressionAttributeNames(names)
          .expressionAttributeValues(values)
          .scanIndexForward(false)
          .exclusiveStartKey(start)
          // Never evaluates more than the bound has room for.
          .limit(MAX_USAGE_ITEMS - counted)
          .build();
      QueryResponse response = call("Query", () -> dynamoDb.query(request));
      for (Map<String, AttributeValue> item : response.items()) {
        // The filter compares whole seconds; the exact rule is the listing's.
        if (RetentionPolicy.isExpired(Instant.parse(RecordingItem.string(item, RecordingItem.EXPIRES_AT)), now)) {
          continue;
        }
        counted++;
        // Newest first: each counted item is the oldest so far.
        oldest = Instant.parse(RecordingItem.string(item, RecordingItem.CREATED_AT));
        String status = RecordingItem.string(item, RecordingItem.STATUS);
        if (status.equals(RecordingStatus.PENDING.name())) {
          Instant windowEnd = Instant.parse(RecordingItem.string(item, RecordingItem.UPLOAD_EXPIRES_AT));
          if (windowEnd.isAfter(now)) {
            open++;
            bytes += RecordingItem.optionalNumber(item, RecordingItem.DECLARED_SIZE).orElse(0);
            earliestWindowEnd = earliestWindowEnd == null || windowEnd.isBefore(earliestWindowEnd)
                ? windowEnd : earliestWindowEnd;
          }
        } else if (status.equals(RecordingStatus.COMPLETED.name())) {
          bytes += RecordingItem.optionalNumber(item, RecordingItem.STORED_SIZE).orElseThrow();
        }
      }
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        break;
      }
      start = response.lastEvaluatedKey();
    }
    return new UploadUsage(open, Optional.ofNullable(earliestWindowEnd), bytes, Optional.ofNullable(oldest));
  }

  private Page query(Listing listing, String filter, Map<String, String> names, Map<String, AttributeValue> values,
      Predicate<Recording> keep, int limit, Optional<String> cursor) {
    return query(listing, Optional.empty(), filter, names, values, keep, true, limit, cursor);
  }

  /** One page of {@code listing}, newest first unless not {@code newestFirst}, within {@code range} of its sort key. */
  private Page query(Listing listing, Optional<String> range, String filter, Map<String, String> names,
      Map<String, AttributeValue> values, Predicate<Recording> keep, boolean newestFirst, int limit,
      Optional<String> cursor) {
    Map<String, Pattern> keyForm = Map.of(
        RecordingItem.PK, RECORDING_PK, RecordingItem.SK, METADATA_SK,
        listing.partitionName(), Pattern.compile(Pattern.quote(listing.partition())),
        listing.sortName(), LISTING_SK);
    Map<String, String> allNames = new LinkedHashMap<>(names);
    allNames.put("#partition", listing.partitionName());
    Map<String, AttributeValue> allValues = new LinkedHashMap<>(values);
    allValues.put(":partition", s(listing.partition()));
    Map<String, AttributeValue> start = cursor.map(c -> cursors.open(c, listing.scope(), keyForm)).orElse(null);

    List<Recording> page = new ArrayList<>();
    Map<String, AttributeValue> lastReturned = null;
    for (int queries = 0; queries < MAX_QUERIES_PER_PAGE; queries++) {
      QueryRequest request = QueryRequest.builder().tableName(table).indexName(listing.index())
          .keyConditionExpression("#partition = :partition" + range.map(r -> " AND " + r).orElse(""))
          .filterExpression(filter)
          .expressionAttributeNames(allNames)
          .expressionAttributeValues(allValues)
          .scanIndexForward(!newestFirst)
          .exclusiveStartKey(start)
          .limit(limit + 1)
          .build();
      QueryResponse response = call("Query", () -> dynamoDb.query(request));
      for (Map<String, AttributeValue> item : response.items()) {
        Recording recording = RecordingItem.fromItem(item);
        if (!keep.test(recording)) {
          continue;
        }
        if (page.size() == limit) {
          return new Page(page, Optional.of(cursors.seal(keyOf(lastReturned, keyForm), listing.scope())));
        }
        page.add(recording);
        lastReturned = item;
      }
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return new Page(page, Optional.empty());
      }
      start = response.lastEvaluatedKey();
    }
    // Out of budget for this request: resume after the last key DynamoDB looked at, which may be a
    // recording the caller may not see; the sealed cursor does not tell which.
    return new Page(page, Optional.of(cursors.seal(start, listing.scope())));
  }

  static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, Map<String, Pattern> keyForm) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (String name : keyForm.keySet()) {
      key.put(name, item.get(name));
    }
    return key;
  }

  private <T> T call(String operation, Supplier<T> action) {
    return calls.call(operation, action);
  }

  /** Which index a listing queries, its partition there, for whom, and the filter's canonical form. */
  private record Listing(String index, String partitionName, String sortName, String partition, UserId viewer,
      String filter) {

    /** What a cursor of this listing is sealed for, so it opens in no other. */
    String scope() {
      return index + "\n" + partition + "\n" + viewer.value() + (filter.isEmpty() ? "" : "\n" + filter);
    }
  }
}

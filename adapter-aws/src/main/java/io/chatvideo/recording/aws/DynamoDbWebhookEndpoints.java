package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.n;
import static io.chatvideo.recording.aws.RecordingItem.s;

import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookDeliveryTarget;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.domain.WebhookSecret;
import io.chatvideo.recording.core.port.out.WebhookEndpoints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The core's {@link WebhookEndpoints} in the recordings table, no index and no Scan. Every endpoint
 * is an item of one partition ({@code PK = WEBHOOKS}, {@code SK = ENDPOINT#{id}}), so {@link #list}
 * is one Query of it (operators register a handful); the attempts at an endpoint are items of its
 * own partition ({@code PK = DELIVERY#{id}}, {@code SK = {at, fixed width}#{event id}#{attempt}}),
 * so {@link #deliveries} is one Query newest first, and they go with a {@code ttl} after {@link
 * #DELIVERIES_KEPT}. Secrets are a string list in the item, as the server's configuration keeps
 * them: the table is the deployment's, readable by its role only.
 */
final class DynamoDbWebhookEndpoints implements WebhookEndpoints {

  static final String ENDPOINTS_PARTITION = "WEBHOOKS";
  static final String ENDPOINT_PREFIX = "ENDPOINT#";
  static final String DELIVERY_PREFIX = "DELIVERY#";
  /** How long the delivery log keeps an attempt. */
  static final Duration DELIVERIES_KEPT = Duration.ofDays(30);

  private static final String ID = "endpoint_id";
  private static final String URL = "url";
  private static final String SECRETS = "secrets";
  private static final String EVENTS = "events";
  private static final String CREATED_AT = "created_at";
  private static final String DISABLED = "disabled";
  private static final String EVENT_ID = "event_id";
  private static final String ATTEMPT = "attempt";
  private static final String TYPE = "type";
  private static final String AT = "at";
  private static final String RESPONSE = "response";
  private static final String STATUS = "http_status";
  private static final String ERROR = "error";
  private static final String LATENCY_MS = "latency_ms";
  private static final String OUTCOME = "outcome";
  private static final String RETRY_AT = "retry_at";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbCalls calls;

  DynamoDbWebhookEndpoints(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.calls = new DynamoDbCalls(table);
  }

  @Override
  public void save(WebhookEndpoint endpoint) {
    Map<String, AttributeValue> item = new HashMap<>(key(endpoint.id()));
    item.put(ID, s(endpoint.id().value()));
    item.put(URL, s(endpoint.url().toString()));
    item.put(SECRETS, AttributeValue.fromL(endpoint.secrets().stream().map(secret -> s(secret.value())).toList()));
    // A list, not a set: DynamoDB has no empty sets, and no events means all of them.
    item.put(EVENTS, AttributeValue.fromL(endpoint.events().stream().map(EventType::wireName).sorted()
        .map(RecordingItem::s).toList()));
    item.put(CREATED_AT, s(endpoint.createdAt().toString()));
    endpoint.disabled().ifPresent(reason -> item.put(DISABLED, s(reason)));
    calls.call("PutItem", () -> dynamoDb.putItem(put -> put.tableName(table).item(item)));
  }

  @Override
  public Optional<WebhookEndpoint> find(WebhookEndpointId id) {
    var response = calls.call("GetItem", () -> dynamoDb.getItem(get -> get.tableName(table).key(key(id))
        .consistentRead(true)));
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(endpoint(response.item()))
        : Optional.empty();
  }

  /** One strongly consistent Query of the endpoints' partition, following its pages; ordered here. */
  @Override
  public List<WebhookEndpoint> list() {
    List<WebhookEndpoint> found = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest request = QueryRequest.builder().tableName(table)
          .keyConditionExpression("#pk = :endpoints")
          .expressionAttributeNames(Map.of("#pk", RecordingItem.PK))
          .expressionAttributeValues(Map.of(":endpoints", s(ENDPOINTS_PARTITION)))
          .consistentRead(true)
          .exclusiveStartKey(start)
          .build();
      QueryResponse response = calls.call("Query", () -> dynamoDb.query(request));
      response.items().forEach(item -> found.add(endpoint(item)));
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey()
          : null;
    } while (start != null);
    found.sort(Comparator.comparing(WebhookEndpoint::createdAt).thenComparing(e -> e.id().value()));
    return found;
  }

  /** The endpoint's item; its delivery log stays until its {@code ttl}, as a log of what was sent. */
  @Override
  public boolean remove(WebhookEndpointId id) {
    var response = calls.call("DeleteItem", () -> dynamoDb.deleteItem(delete -> delete.tableName(table).key(key(id))
        .returnValues(ReturnValue.ALL_OLD)));
    return response.hasAttributes() && !response.attributes().isEmpty();
  }

  @Override
  public void recordDelivery(WebhookDelivery delivery) {
    WebhookDeliveryTarget target = delivery.target();
    WebhookResponse response = delivery.response();
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(RecordingItem.PK, s(DELIVERY_PREFIX + target.endpoint().value()));
    item.put(RecordingItem.SK, s(RecordingItem.listingSortKeyFrom(delivery.at()) + "#" + target.event().value()
        + "#" + target.attempt()));
    item.put(EVENT_ID, s(target.event().value()));
    item.put(ATTEMPT, n(target.attempt()));
    item.put(TYPE, s(delivery.type().wireName()));
    item.put(AT, s(delivery.at().toString()));
    if (response instanceof WebhookResponse.Delivered delivered) {
      item.put(RESPONSE, s("delivered"));
      item.put(STATUS, n(delivered.status()));
    } else if (response instanceof WebhookResponse.Gone) {
      item.put(RESPONSE, s("gone"));
    } else {
      item.put(RESPONSE, s("failed"));
      item.put(ERROR, s(((WebhookResponse.Failed) response).error()));
    }
    item.put(LATENCY_MS, n(response.latency().toMillis()));
    item.put(OUTCOME, s(delivery.outcome().name()));
    delivery.retryAt().ifPresent(at -> item.put(RETRY_AT, s(at.toString())));
    item.put(RecordingItem.TTL, n(RetentionPolicy.ttlEpochSeconds(delivery.at().plus(DELIVERIES_KEPT))));
    calls.call("PutItem", () -> dynamoDb.putItem(put -> put.tableName(table).item(item)));
  }

  @Override
  public List<WebhookDelivery> deliveries(WebhookEndpointId id, int limit) {
    if (limit < 1) {
      return List.of();
    }
    QueryResponse response = calls.call("Query", () -> dynamoDb.query(query -> query.tableName(table)
        .keyConditionExpression("#pk = :deliveries")
        .expressionAttributeNames(Map.of("#pk", RecordingItem.PK))
        .expressionAttributeValues(Map.of(":deliveries", s(DELIVERY_PREFIX + id.value())))
        .scanIndexForward(false)
        .limit(limit)));
    List<WebhookDelivery> found = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      Duration latency = Duration.ofMillis(Long.parseLong(item.get(LATENCY_MS).n()));
      WebhookResponse answer = switch (RecordingItem.string(item, RESPONSE)) {
        case "delivered" -> new WebhookResponse.Delivered(Integer.parseInt(item.get(STATUS).n()), latency);
        case "gone" -> new WebhookResponse.Gone(latency);
        default -> new WebhookResponse.Failed(RecordingItem.string(item, ERROR), latency);
      };
      Optional<Instant> retryAt = Optional.ofNullable(item.get(RETRY_AT)).map(v -> Instant.parse(v.s()));
      found.add(new WebhookDelivery(new WebhookDeliveryTarget(new EventId(RecordingItem.string(item, EVENT_ID)), id,
          Integer.parseInt(item.get(ATTEMPT).n())), EventType.parse(RecordingItem.string(item, TYPE)),
          Instant.parse(RecordingItem.string(item, AT)), answer,
          WebhookDelivery.Outcome.valueOf(RecordingItem.string(item, OUTCOME)), retryAt));
    }
    return found;
  }

  private static Map<String, AttributeValue> key(WebhookEndpointId id) {
    return Map.of(RecordingItem.PK, s(ENDPOINTS_PARTITION), RecordingItem.SK, s(ENDPOINT_PREFIX + id.value()));
  }

  private static WebhookEndpoint endpoint(Map<String, AttributeValue> item) {
    Set<EventType> events = item.get(EVENTS).l().stream().map(v -> EventType.parse(v.s())).collect(Collectors.toSet());
    return new WebhookEndpoint(new WebhookEndpointId(RecordingItem.string(item, ID)),
        HttpUrl.parse(RecordingItem.string(item, URL)),
        item.get(SECRETS).l().stream().map(v -> new WebhookSecret(v.s())).toList(), events,
        Instant.parse(RecordingItem.string(item, CREATED_AT)),
        Optional.ofNullable(item.get(DISABLED)).map(AttributeValue::s));
  }
}

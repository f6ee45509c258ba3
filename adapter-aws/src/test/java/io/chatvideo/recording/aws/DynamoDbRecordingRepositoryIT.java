package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.RecordingFilter;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.AbandonedRecording;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.UploadUsage;
import io.chatvideo.recording.core.testing.RecordingRepositoryContract;
import io.chatvideo.recording.core.testing.TestRecordings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The core's repository contract and DynamoDB's own concerns, against DynamoDB Local over HTTP. */
@ExtendWith(AwsStandIns.class)
class DynamoDbRecordingRepositoryIT extends RecordingRepositoryContract {

  private static final UserId ALICE = UserId.of("alice@example.com");

  private static final String BUCKET = "recordings-bucket";
  private static final AtomicInteger TABLES = new AtomicInteger();

  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void connect() {
    dynamoDb = AwsStandIns.dynamoDbClient();
  }

  @AfterAll
  static void disconnect() {
    dynamoDb.close();
  }

  /** The tables this test made, deleted after it: each test owns its tables. */
  private final List<String> tables = new ArrayList<>();

  @AfterEach
  void deleteTables() {
    tables.forEach(AwsStandIns::deleteTable);
  }

  /** A fresh table without TTL: the contract's fixtures expired long ago, and DynamoDB Local's TTL would delete them. */
  @Override
  protected RecordingRepository repository() {
    return new DynamoDbRecordingRepository(dynamoDb, newTable(), BUCKET);
  }

  private String newTable() {
    String table = "recordings_" + TABLES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
    dynamoDb.createTable(TableSetup.createTableRequest(table));
    tables.add(table);
    return table;
  }

  @Test
  void uploadUsageCountsTheNewestThousandRecordingsOfTheDayOnly() {
    RecordingRepository repository = repository();
    int rows = DynamoDbRecordingQueries.MAX_USAGE_ITEMS + 3;
    for (int i = 0; i < rows; i++) {
      repository.insert(TestRecordings.pending("alice@example.com", "room-1", T0.plusMillis(i)));
    }

    UploadUsage usage = repository.uploadUsage(UserId.of("alice@example.com"), T0, T0.plusSeconds(1));

    int counted = DynamoDbRecordingQueries.MAX_USAGE_ITEMS;
    assertThat(usage).isEqualTo(new UploadUsage(counted, Optional.of(T0.plusMillis(3).plus(Duration.ofMinutes(30))),
        counted * 1234L, Optional.of(T0.plusMillis(3))));
  }

  @Test
  void aThousandRecordingsArePagedByOwnerAndByRoomEachExactlyOnceNewestFirst() {
    RecordingRepository repository = repository();
    Instant start = T0;
    List<Recording> alices = new ArrayList<>();
    List<Recording> visibleInRoom = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      // Seven recordings share each instant, so the tie-break by id is exercised.
      PendingRecording alice = TestRecordings.pending("alice@example.com", "room-big", start.plusMillis(i / 7));
      repository.insert(alice);
      alices.add(alice);
      visibleInRoom.add(alice);
      if (i % 4 == 0) {
        // Bob's recordings in the same room: half shared with Alice, half hidden from her by the filter.
        PendingRecording bob = i % 8 == 0
            ? TestRecordings.pending("bob@example.com", "room-big", start.plusMillis(i / 7), "alice@example.com")
            : TestRecordings.pending("bob@example.com", "room-big", start.plusMillis(i / 7));
        repository.insert(bob);
        if (i % 8 == 0) {
          visibleInRoom.add(bob);
        }
      }
    }
    Instant now = T0.plus(Duration.ofDays(1));

    List<RecordingRepository.Page> ownerPages = pages(cursor ->
        repository.list(RecordingFilter.NONE, ALICE, now, 37, cursor));
    List<RecordingRepository.Page> roomPages = pages(cursor ->
        repository.list(inRoom("room-big"), ALICE, now, 37, cursor));

    List<Recording> byOwner = ownerPages.stream().flatMap(page -> page.recordings().stream()).toList();
    List<Recording> byRoom = roomPages.stream().flatMap(page -> page.recordings().stream()).toList();
    assertThat(byOwner).hasSize(1000).containsExactlyInAnyOrderElementsOf(alices);
    assertThat(byRoom).hasSize(visibleInRoom.size()).containsExactlyInAnyOrderElementsOf(visibleInRoom);
    for (List<Recording> listing : List.of(byOwner, byRoom)) {
      assertThat(listing).extracting(r -> r.details().createdAt()).isSortedAccordingTo(Comparator.reverseOrder());
    }
    // The room listing filters out Bob's private recordings, yet every page but the last is full.
    assertThat(ownerPages.subList(0, ownerPages.size() - 1)).allSatisfy(page -> assertThat(page.recordings()).hasSize(37));
    assertThat(roomPages.subList(0, roomPages.size() - 1)).allSatisfy(page -> assertThat(page.recordings()).hasSize(37));
  }

  @Test
  void pagesCutShortByTheQueryBudgetStillLeadToEveryVisibleRecording() {
    RecordingRepository repository = repository();
    PendingRecording alices = TestRecordings.pending("alice@example.com", "room-1", T0);
    repository.insert(alices);
    // With a limit of 1 each query evaluates 2 items, so these newer, hidden ones outlast a page's budget.
    int hidden = DynamoDbRecordingQueries.MAX_QUERIES_PER_PAGE * 2 + 5;
    List<String> bobsIds = new ArrayList<>();
    for (int i = 0; i < hidden; i++) {
      PendingRecording bobs = TestRecordings.pending("bob@example.com", "room-1", T0.plusSeconds(1 + i));
      repository.insert(bobs);
      bobsIds.add(bobs.id().toString());
    }
    Instant now = T0.plusSeconds(3600);

    RecordingRepository.Page first = repository.list(inRoom("room-1"), ALICE, now, 1,
        Optional.empty());

    assertThat(first.recordings()).isEmpty();
    assertThat(first.nextCursor()).isPresent();
    // The page stopped on one of Bob's recordings, which Alice may not see; her cursor must not name it.
    String cursor = first.nextCursor().get();
    String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
    for (String text : List.of(cursor, decoded)) {
      assertThat(bobsIds).noneSatisfy(id -> assertThat(text).contains(id));
      assertThat(text).doesNotContain("bob@example.com").doesNotContain("RECORDING#");
    }
    assertThat(drain(c -> repository.list(inRoom("room-1"), ALICE, now, 1, c)))
        .containsExactly(alices);
  }

  @Test
  void aFilteredListingQueriesWithTheDateRangeAsKeyConditionAndABoundedNumberOfQueriesPerPage() {
    List<SdkRequest> sent = new CopyOnWriteArrayList<>();
    String table = newTable();
    try (DynamoDbClient watched = DynamoDbClient.builder()
        .region(Region.of("us-east-1"))
        .endpointOverride(AwsStandIns.dynamoDbEndpoint())
        .credentialsProvider(AwsStandIns.credentials())
        .httpClient(ApacheHttpClient.create())
        .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            sent.add(context.request());
          }
        }))
        .build()) {
      RecordingRepository repository = new DynamoDbRecordingRepository(watched, table, BUCKET);
      int rows = DynamoDbRecordingQueries.MAX_QUERIES_PER_PAGE * 3;
      List<Recording> needles = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        PendingRecording r = TestRecordings.pendingNamed("alice@example.com", "room-1", T0.plusSeconds(i),
            i % 25 == 0 ? "Nadel " + i + ".webm" : "Heu " + i + ".webm");
        repository.insert(r);
        if (i % 25 == 0 && i >= 10) {
          needles.add(0, r);
        }
      }
      RecordingFilter filter = RecordingFilter.parse(Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.of(T0.plusSeconds(10).toString()), Optional.of(T0.plusSeconds(rows).toString()),
          Optional.of("NADEL"), Optional.empty(), Optional.empty());
      sent.clear();

      RecordingRepository.Page first = repository.list(filter, UserId.of("alice@example.com"), T0.plusSeconds(3600),
          1, Optional.empty());

      // Besides the queries, only the page cursor's key is read (GetItem, once per process): never a Scan.
      List<QueryRequest> queries = sent.stream().filter(QueryRequest.class::isInstance).map(QueryRequest.class::cast)
          .toList();
      assertThat(sent).noneSatisfy(r -> assertThat(r.getClass().getSimpleName()).contains("Scan"));
      assertThat(queries).hasSizeLessThanOrEqualTo(DynamoDbRecordingQueries.MAX_QUERIES_PER_PAGE)
          .allSatisfy(q -> {
            assertThat(q.indexName()).isEqualTo(RecordingItem.BY_OWNER);
            assertThat(q.keyConditionExpression()).isEqualTo("#partition = :partition AND #sort BETWEEN :from AND :to");
            assertThat(q.filterExpression()).contains("contains(#search, :q)");
          });
      assertThat(first.recordings().size()).isLessThanOrEqualTo(1);
      assertThat(first.nextCursor()).isPresent();
      assertThat(drain(c -> repository.list(filter, UserId.of("alice@example.com"), T0.plusSeconds(3600), 1, c)))
          .containsExactlyElementsOf(needles);
    }
  }

  @Test
  void aRecordingPastItsTtlIsNotListedWhetherOrNotDynamoDbDeletedItYet() {
    String table = newTable();
    dynamoDb.updateTimeToLive(u -> u.tableName(table)
        .timeToLiveSpecification(spec -> spec.enabled(true).attributeName(RecordingItem.TTL)));
    RecordingRepository repository = new DynamoDbRecordingRepository(dynamoDb, table, BUCKET);
    // The one test on the wall clock: DynamoDB Local's TTL deleter goes by it. It may or may not have
    // deleted the expired item when the listing runs, so only membership is asserted, never a count.
    Instant now = Instant.now();
    PendingRecording expired = TestRecordings.pending("alice@example.com", "room-1",
        now.minus(TestRecordings.RETENTION).minusSeconds(5));
    PendingRecording live = TestRecordings.pending("alice@example.com", "room-1", now.minusSeconds(5));
    repository.insert(expired);
    repository.insert(live);

    assertThat(drain(c -> repository.list(RecordingFilter.NONE, ALICE, Instant.now(), 10, c)))
        .contains(live).doesNotContain(expired);
    assertThat(drain(c -> repository.list(inRoom("room-1"), ALICE, Instant.now(),
        10, c))).contains(live).doesNotContain(expired);
  }

  @Test
  void theItemKeepsTheSeedShapeAndAddsTheListingKeys() {
    String table = newTable();
    RecordingRepository repository = new DynamoDbRecordingRepository(dynamoDb, table, BUCKET);
    Instant createdAt = Instant.parse("2026-11-20T08:09:10.123456789Z");
    CompletedRecording completed = TestRecordings.completed("alice@example.com", "room-7", createdAt, "bob@example.com");
    PendingRecording pending = new PendingRecording(completed.details(), Optional.empty(), createdAt.plusSeconds(1800));
    repository.insert(pending);
    repository.replace(completed, RecordingStatus.PENDING);

    Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName(table).key(Map.of(
        "PK", AttributeValue.fromS("RECORDING#" + completed.id()),
        "SK", AttributeValue.fromS("METADATA#20261120-080910")))).item();

    assertThat(item).containsEntry("recording_id", AttributeValue.fromS(completed.id().toString()))
        .containsEntry("room_id", AttributeValue.fromS("room-7"))
        .containsEntry("user_id", AttributeValue.fromS("alice@example.com"))
        .containsEntry("s3_key", AttributeValue.fromS(completed.details().objectKey().value()))
        .containsEntry("s3_bucket", AttributeValue.fromS(BUCKET))
        .containsEntry("filename", AttributeValue.fromS(completed.details().filename().value()))
        .containsEntry("content_type", AttributeValue.fromS("video/webm;codecs=vp8,opus"))
        .containsEntry("size", AttributeValue.fromN("1000"))
        .containsEntry("status", AttributeValue.fromS("COMPLETED"))
        .containsEntry("created_at", AttributeValue.fromS("2026-11-20T08:09:10.123456789Z"))
        .containsEntry("expires_at", AttributeValue.fromS("2026-12-20T08:09:10.123456789Z"))
        // expires_at + the 3-day grace that lets the sweep announce the expiry before TTL deletes, rounded up
        .containsEntry("ttl", AttributeValue.fromN(Long.toString(Instant.parse("2026-12-23T08:09:11Z").getEpochSecond())))
        .containsEntry("participants", AttributeValue.fromSs(List.of("bob@example.com")))
        .containsEntry("GSI1PK", AttributeValue.fromS("USER#alice@example.com"))
        .containsEntry("GSI1SK", AttributeValue.fromS("2026-11-20T08:09:10.123456789Z#" + completed.id()))
        .containsEntry("GSI2PK", AttributeValue.fromS("ROOM#room-7"))
        .containsEntry("GSI2SK", AttributeValue.fromS("2026-11-20T08:09:10.123456789Z#" + completed.id()))
        .doesNotContainKeys("upload_id", "upload_expires_at");
    assertThat(ObjectKey.stamp(createdAt)).isEqualTo("20261120-080910");
  }

  @Test
  void aCursorIsRefusedByAnotherListingAndWhenForged() {
    RecordingRepository repository = repository();
    for (int i = 0; i < 3; i++) {
      repository.insert(TestRecordings.pending("alice@example.com", "room-1", T0.plusSeconds(i), "bob@example.com"));
    }
    String alicesCursor = repository.list(RecordingFilter.NONE, ALICE, T0, 1, Optional.empty())
        .nextCursor().orElseThrow();
    String roomCursor = repository.list(inRoom("room-1"), UserId.of("bob@example.com"), T0, 1, Optional.empty())
        .nextCursor().orElseThrow();
    String withExtraAttribute = base64("{\"PK\":\"RECORDING#" + UUID.randomUUID() + "\",\"SK\":\"METADATA#20260301-100000\","
        + "\"GSI1PK\":\"USER#alice@example.com\",\"GSI1SK\":\"2026-03-01T10:00:00.000000000Z#" + UUID.randomUUID()
        + "\",\"status\":\"PENDING\"}");

    assertThat(repository.list(RecordingFilter.NONE, ALICE, T0, 1, Optional.of(alicesCursor)).recordings())
        .hasSize(1);
    for (Runnable misuse : List.<Runnable>of(
        () -> repository.list(RecordingFilter.NONE, UserId.of("bob@example.com"), T0, 1, Optional.of(alicesCursor)),
        () -> repository.list(inRoom("room-1"), ALICE, T0, 1, Optional.of(alicesCursor)),
        () -> repository.list(inRoom("room-2"), UserId.of("bob@example.com"), T0, 1, Optional.of(roomCursor)),
        () -> repository.listAll(1, Optional.of(alicesCursor)),
        () -> repository.list(RecordingFilter.NONE, ALICE, T0, 1, Optional.of(withExtraAttribute)),
        () -> repository.list(RecordingFilter.NONE, ALICE, T0, 1, Optional.of(base64("[1,2]"))),
        () -> repository.list(RecordingFilter.NONE, ALICE, T0, 1, Optional.of(base64("{\"PK\":1}"))))) {
      assertThatThrownBy(misuse::run)
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("next_token"));
    }
  }

  @Test
  void aCursorAlteredInAnyByteIsRefusedNamingNextToken() {
    RecordingRepository repository = repository();
    for (int i = 0; i < 3; i++) {
      repository.insert(TestRecordings.pending("alice@example.com", "room-1", T0.plusSeconds(i)));
    }
    String cursor = repository.list(RecordingFilter.NONE, ALICE, T0, 1, Optional.empty())
        .nextCursor().orElseThrow();
    byte[] sealed = Base64.getUrlDecoder().decode(cursor);

    for (int at = 0; at < sealed.length; at += 7) {
      byte[] tampered = sealed.clone();
      tampered[at] ^= 0x01;
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
      assertThatThrownBy(() -> repository.list(RecordingFilter.NONE, ALICE, T0, 1, Optional.of(token)))
          .as("byte %d flipped", at)
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("next_token"));
    }
    assertThat(repository.list(RecordingFilter.NONE, ALICE, T0, 1, Optional.of(cursor)).recordings())
        .hasSize(1);
  }

  @Test
  void anotherRepositoryOnTheSameTableOpensTheCursorAndTheKeyItemIsNeverListed() {
    String table = newTable();
    RecordingRepository one = new DynamoDbRecordingRepository(dynamoDb, table, BUCKET);
    RecordingRepository other = new DynamoDbRecordingRepository(dynamoDb, table, BUCKET);
    List<Recording> inserted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PendingRecording recording = TestRecordings.pending("alice@example.com", "room-1", T0.plusSeconds(i));
      one.insert(recording);
      inserted.add(recording);
    }
    String cursor = one.list(RecordingFilter.NONE, ALICE, T0, 1, Optional.empty()).nextCursor().orElseThrow();

    assertThat(other.list(RecordingFilter.NONE, ALICE, T0, 1, Optional.of(cursor)).recordings()).hasSize(1);
    assertThat(drain(c -> other.listAll(1, c))).containsExactlyInAnyOrderElementsOf(inserted);
    assertThat(other.findExpired(T0.plus(Duration.ofDays(400)), 10)).containsExactlyInAnyOrderElementsOf(inserted);
  }

  @Test
  void aCompletionAndASweepRacingOnOneRecordingLeaveExactlyOneWinner() throws Exception {
    RecordingRepository repository = repository();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
        repository.insert(pending);
        CompletedRecording completed = pending.complete(10, Optional.empty(), T0.plusSeconds(1), Optional.empty());
        AbandonedRecording abandoned = pending.abandon(T0.plusSeconds(1));
        CountDownLatch go = new CountDownLatch(1);
        Future<Boolean> completion = threads.submit(() -> replaced(repository, completed, go));
        Future<Boolean> sweep = threads.submit(() -> replaced(repository, abandoned, go));
        go.countDown();
        boolean completionWon = completion.get(10, TimeUnit.SECONDS);
        boolean sweepWon = sweep.get(10, TimeUnit.SECONDS);

        assertThat(completionWon ^ sweepWon).as("exactly one of the two writes wins").isTrue();
        assertThat(repository.find(pending.id())).contains(completionWon ? completed : abandoned);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aMissingTableIsStorageUnavailableAndNamesTheInit() {
    RecordingRepository repository = new DynamoDbRecordingRepository(dynamoDb, "no_such_table", BUCKET);
    assertThatThrownBy(() -> repository.find(new RecordingId(UUID.randomUUID())))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("no_such_table").hasMessageContaining("admin init");
  }

  @Test
  void anUnreachableDynamoDbIsStorageUnavailableWithinTheCallTimeout() throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    AwsSettings settings = new AwsSettings("us-east-1", BUCKET, "recordings", Optional.of(closed), Optional.of(closed),
        true, Duration.ofSeconds(3));
    try (AwsBackend unreachable = AwsBackend.create(settings, AwsStandIns.credentials())) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> unreachable.repository().list(RecordingFilter.NONE, ALICE, Instant.now(), 10,
          Optional.empty()))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessageContaining("Query");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  private static boolean replaced(RecordingRepository repository, Recording recording, CountDownLatch go)
      throws InterruptedException {
    go.await();
    try {
      repository.replace(recording, RecordingStatus.PENDING);
      return true;
    } catch (ConflictException lost) {
      return false;
    }
  }

  private static List<RecordingRepository.Page> pages(Lister lister) {
    List<RecordingRepository.Page> pages = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      RecordingRepository.Page page = lister.page(cursor);
      pages.add(page);
      cursor = page.nextCursor();
    } while (cursor.isPresent() && pages.size() < 10_000);
    return pages;
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The listing of one room, as the API asks for it. */
  private static RecordingFilter inRoom(String room) {
    return RecordingFilter.ofRoom(Optional.of(RoomId.of(room)));
  }
}

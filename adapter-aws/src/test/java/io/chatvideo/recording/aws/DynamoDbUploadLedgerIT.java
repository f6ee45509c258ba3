package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.LimitExceededException;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.port.out.UploadLedger;
import io.chatvideo.recording.core.testing.InMemoryObjectStorage;
import io.chatvideo.recording.core.testing.TestRecordings;
import io.chatvideo.recording.core.testing.UploadLedgerContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The upload ledger contract against DynamoDB Local, in the recordings table the admin init makes. */
@ExtendWith(AwsStandIns.class)
class DynamoDbUploadLedgerIT extends UploadLedgerContract {

  @RegisterExtension
  static final FreshTables TABLES = new FreshTables("ledger");
  private static final UserId ALICE = UserId.of("alice@example.com");
  /** Noon of today (UTC), so a run near midnight still counts one day, and DynamoDB's TTL keeps what it wrote. */
  private static final Clock NOON = Clock.fixed(DAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

  @Override
  protected UploadLedger ledger() {
    return new DynamoDbUploadLedger(TABLES.client(), TABLES.create());
  }

  /**
   * The hole of the bounded listing: three large recordings, then 1,003 small ones (the listing
   * read only the newest 1,000 of the day), then a large one, which the day refuses. The large
   * ones and three small ones go through the use cases; the other 1,000 are recorded as their
   * completions record them (the recording item, then the ledger's settlement), which is what
   * the listing read, in a fraction of the time.
   */
  @Test
  void theDailyQuotaHoldsAfterOneThousandAndThreeSmallUploadsFollowingLargeOnes() {
    String table = TABLES.create();
    InMemoryObjectStorage storage = new InMemoryObjectStorage(NOON);
    DynamoDbRecordingRepository repository = new DynamoDbRecordingRepository(TABLES.client(), table, "bucket");
    UploadLedger ledger = new DynamoDbUploadLedger(TABLES.client(), table);
    Recordings recordings = Recordings.builder()
        .repository(repository)
        .storage(storage)
        .ledger(ledger)
        .clock(NOON)
        .limits(new UploadLimits(20, 40_000, 100_000))
        .build();
    for (int i = 0; i < 3; i++) {
      upload(recordings, storage, 30_000);
    }
    Instant now = NOON.instant();
    for (int i = 0; i < 1_000; i++) {
      PendingRecording pending = TestRecordings.pending(ALICE.value(), "room-1", now.plusMillis(i));
      repository.insert(pending);
      repository.replace(pending.complete(1, Optional.empty(), now, Optional.empty()), RecordingStatus.PENDING);
      ledger.settle(ALICE, UploadLimits.dayOf(pending.details().createdAt()), pending.id(), 1);
    }
    for (int i = 0; i < 3; i++) {
      upload(recordings, storage, 1);
    }

    assertThatThrownBy(() -> request(recordings, 10_000))
        .isInstanceOfSatisfying(LimitExceededException.class,
            e -> assertThat(e.getMessage()).contains("91003", "100000"));
    assertThat(ledger.bytesOn(ALICE, UploadLimits.dayOf(now))).isEqualTo(91_003);
  }

  @Test
  void deletingARecordingDoesNotGiveItsBytesBack() {
    String table = TABLES.create();
    InMemoryObjectStorage storage = new InMemoryObjectStorage(NOON);
    UploadLedger ledger = new DynamoDbUploadLedger(TABLES.client(), table);
    Recordings recordings = Recordings.builder()
        .repository(new DynamoDbRecordingRepository(TABLES.client(), table, "bucket"))
        .storage(storage)
        .ledger(ledger)
        .clock(NOON)
        .limits(new UploadLimits(20, 40_000, 50_000))
        .build();
    RecordingId id = upload(recordings, storage, 30_000);

    recordings.deleteRecording().delete(ALICE, id);

    assertThat(ledger.bytesOn(ALICE, DAY)).isEqualTo(30_000);
    assertThatThrownBy(() -> request(recordings, 30_000)).isInstanceOf(LimitExceededException.class);
  }

  @Test
  void ledgerItemsStayOutOfTheRecordingScansAndCarryATtl() {
    String table = TABLES.create();
    UploadLedger ledger = new DynamoDbUploadLedger(TABLES.client(), table);
    RecordingId id = RecordingId.parse(UUID.randomUUID().toString());
    ledger.reserve(new UploadLedger.Signed(ALICE, DAY, id, Map.of(1, 10L)), 100, 100);

    DynamoDbRecordingRepository repository = new DynamoDbRecordingRepository(TABLES.client(), table, "bucket");
    assertThat(repository.listAll(100, Optional.empty()).recordings()).isEmpty();
    assertThat(repository.findUnfinishedUploads(Instant.now(), 100)).isEmpty();
    Map<String, AttributeValue> day = TABLES.client().getItem(get -> get.tableName(table).key(Map.of(
        RecordingItem.PK, AttributeValue.fromS(DynamoDbUploadLedger.DAY_PREFIX + ALICE.value()),
        RecordingItem.SK, AttributeValue.fromS("DAY#" + DAY)))).item();
    assertThat(day.get("bytes").n()).isEqualTo("10");
    assertThat(Long.parseLong(day.get(RecordingItem.TTL).n()))
        .isEqualTo(DAY.plusDays(DynamoDbUploadLedger.KEPT_DAYS).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
  }

  private static RecordingId upload(Recordings recordings, InMemoryObjectStorage storage, int size) {
    UploadTicket ticket = request(recordings, size);
    storage.put(ticket.objectKey(), new byte[size]);
    recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, ticket.recordingId(), Optional.empty(),
        Optional.empty()));
    return ticket.recordingId();
  }

  private static UploadTicket request(Recordings recordings, long size) {
    return recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, RoomId.of("room-1"),
        Optional.empty(), ContentType.DEFAULT, OptionalLong.of(size), Set.of()));
  }
}

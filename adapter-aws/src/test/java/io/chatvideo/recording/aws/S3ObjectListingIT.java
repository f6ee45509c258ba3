package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.ListedObject;
import io.chatvideo.recording.core.port.out.ObjectListing;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The orphan scan's listing over S3Proxy: paged by continuation token, and the sweep it feeds. */
@ExtendWith(AwsStandIns.class)
class S3ObjectListingIT {

  private static final String BUCKET = "s3-listing-it";
  private static final String TABLE = "s3_listing_it";
  private static final ContentType WEBM = ContentType.parse("video/webm");

  private static AwsBackend aws;
  private static ObjectStorage storage;

  @BeforeAll
  static void createBucket() {
    aws = AwsBackend.create(AwsStandIns.settings(BUCKET, TABLE), AwsStandIns.credentials());
    aws.infrastructure().bootstrap(Duration.ofDays(30), List.of());
    storage = aws.storage();
  }

  @AfterAll
  static void close() {
    aws.close();
    AwsStandIns.deleteTable(TABLE);
  }

  @Test
  void everyObjectUnderThePrefixIsListedOnceAcrossPagesInKeyOrderWithItsWriteTime() {
    String room = "listing-" + System.nanoTime();
    List<String> written = new ArrayList<>();
    Instant before = Instant.now().minusSeconds(5);
    for (int i = 0; i < 5; i++) {
      ObjectKey key = S3ObjectStorageIT.newKey();
      ObjectKey inRoom = new ObjectKey(key.value().replace("/room-it/", "/" + room + "/"));
      put(inRoom, 3);
      written.add(inRoom.value());
    }
    put(S3ObjectStorageIT.newKey(), 3);

    List<ListedObject> listed = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      ObjectListing page = storage.listObjects(ObjectKey.PREFIX + room + "/", cursor, 2);
      assertThat(page.objects()).hasSizeLessThanOrEqualTo(2);
      listed.addAll(page.objects());
      cursor = page.nextCursor();
      pages++;
    } while (cursor.isPresent());

    assertThat(pages).isEqualTo(3);
    assertThat(listed).extracting(ListedObject::key).containsExactlyElementsOf(written.stream().sorted().toList());
    assertThat(listed).allSatisfy(o -> assertThat(o.lastModified()).isAfter(before).isBefore(Instant.now().plusSeconds(5)));
  }

  @Test
  void theSweepDeletesAnObjectPutAfterItsUploadWasAbortedAndKeepsTheRest() {
    Recordings now = Recordings.builder().repository(aws.repository()).storage(storage).ledger(aws.ledger()).build();
    UploadTicket aborted = now.requestUpload().requestUpload(new RequestUploadCommand(UserId.of("a@example.com"),
        RoomId.of("orphans"), Optional.empty(), WEBM, OptionalLong.of(4), Set.of()));
    UploadTicket pending = now.requestUpload().requestUpload(new RequestUploadCommand(UserId.of("a@example.com"),
        RoomId.of("orphans"), Optional.empty(), WEBM, OptionalLong.of(4), Set.of()));
    now.multipartUpload().abort(UserId.of("a@example.com"), aborted.recordingId());
    assertThat(PresignedHttp.send(aborted.upload(), new byte[4]).statusCode()).isEqualTo(200);
    assertThat(PresignedHttp.send(pending.upload(), new byte[4]).statusCode()).isEqualTo(200);
    Recordings afterGrace = Recordings.builder().repository(aws.repository()).storage(storage).ledger(aws.ledger())
        .clock(Clock.fixed(Instant.now().plus(Recordings.DEFAULT_ORPHAN_GRACE).plusSeconds(60), ZoneOffset.UTC))
        .abandonedUploadGrace(Duration.ofDays(365)).build();

    assertThat(afterGrace.sweep().sweep().orphansRemoved()).isGreaterThanOrEqualTo(1);

    assertThat(storage.head(aborted.objectKey())).isEmpty();
    assertThat(storage.head(pending.objectKey())).isPresent();
  }

  private static void put(ObjectKey key, int size) {
    PresignedRequest put = storage.presignPut(key, WEBM, OptionalLong.of(size), Instant.now().plusSeconds(600));
    assertThat(PresignedHttp.send(put, new byte[size]).statusCode()).isEqualTo(200);
  }
}

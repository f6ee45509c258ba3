package io.chatvideo.recording.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.ListingOrder;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.UploadUsage;
import io.chatvideo.recording.core.testing.TestRecordings;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Keyset pagination over 10,000 rows of one owner in one room, many sharing a second. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlitePaginationIT {

  private static final int ROWS = 10_000;
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final RoomId ROOM = RoomId.of("room-1");

  private SqliteDatabase database;
  private SqliteRecordingRepository repository;
  private List<RecordingId> newestFirst;

  @BeforeAll
  void fill(@TempDir Path folder) {
    database = SqliteDatabase.open(folder.resolve("recordings.db"), Clock.systemUTC());
    repository = new SqliteRecordingRepository(database);
    List<PendingRecording> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      // Seven recordings per second, so pages often end in the middle of a tie on created_at.
      PendingRecording pending = TestRecordings.pending(ALICE.value(), ROOM.value(), T0.plusSeconds(i / 7));
      rows.add(pending);
      repository.insert(pending);
    }
    repository.insert(TestRecordings.pending("bob@example.com", ROOM.value(), T0.plusSeconds(5)));
    newestFirst = rows.stream()
        .sorted(Comparator.comparing((Recording r) -> r.details().createdAt())
            .thenComparing(r -> r.id().toString()).reversed())
        .map(Recording::id).toList();
  }

  @AfterAll
  void close() {
    database.close();
  }

  @Test
  void ownerListingReturnsEachOfTenThousandRowsOnceNewestFirst() {
    List<RecordingId> listed = drain(
        cursor -> repository.list(RecordingFilter.NONE, ALICE, T0.plusSeconds(3600), 97, cursor));

    assertThat(listed).hasSize(ROWS).doesNotHaveDuplicates().containsExactlyElementsOf(newestFirst);
  }

  @Test
  void roomListingReturnsEachOfTenThousandRowsOnceNewestFirst() {
    List<RecordingId> listed = drain(cursor -> repository.list(RecordingFilter.ofRoom(Optional.of(ROOM)), ALICE,
        T0.plusSeconds(3600), 500, cursor));

    assertThat(listed).containsExactlyElementsOf(newestFirst);
  }

  @Test
  void rowsInsertedWhilePagingNeitherRepeatNorDisplaceOthers() {
    List<RecordingId> listed = new ArrayList<>();
    Set<RecordingId> added = new HashSet<>();
    Optional<String> cursor = Optional.empty();
    do {
      RecordingRepository.Page page = repository.list(RecordingFilter.NONE, ALICE, T0.plusSeconds(3600), 1000, cursor);
      page.recordings().forEach(r -> listed.add(r.id()));
      cursor = page.nextCursor();
      // Newer than everything listed so far: it belongs before the cursor and must not show up.
      PendingRecording late = TestRecordings.pending(ALICE.value(), ROOM.value(), T0.plus(Duration.ofHours(1)));
      repository.insert(late);
      added.add(late.id());
    } while (cursor.isPresent());

    assertThat(listed).containsExactlyElementsOf(newestFirst);
    added.forEach(repository::delete);
  }

  @Test
  void listingsReadTheirIndexesInsteadOfScanning() throws Exception {
    String owner = plan("SELECT r.id FROM recordings r WHERE r.owner = 'a' AND r.expires_at > 0"
        + " AND (r.created_at, r.id) < (1, 'x') ORDER BY r.created_at DESC, r.id DESC LIMIT 10");
    String room = plan("SELECT r.id FROM recordings r WHERE r.room_id = 'a' AND r.expires_at > 0"
        + " AND (r.created_at, r.id) < (1, 'x') ORDER BY r.created_at DESC, r.id DESC LIMIT 10");

    assertThat(owner).contains("USING INDEX recordings_by_owner").doesNotContain("TEMP B-TREE");
    assertThat(room).contains("USING INDEX recordings_by_room").doesNotContain("TEMP B-TREE");
  }

  @Test
  void aDateRangeBoundsTheWalkOfTheOwnersOrTheRoomsIndexInEitherOrder() throws Exception {
    for (String sort : List.of("newest", "oldest")) {
      for (String room : List.of("", "room-1")) {
        RecordingFilter filter = RecordingFilter.parse(Optional.of(room).filter(r -> !r.isEmpty()),
            Optional.of("COMPLETED"), Optional.empty(), Optional.of(T0.toString()), Optional.of(T0.plusSeconds(60)
                .toString()), Optional.of("call"), Optional.empty(), Optional.of(sort));
        String where = SqliteRecordingRepository.condition(filter, ALICE, T0).where();
        String index = room.isEmpty() ? "recordings_by_owner (owner=?" : "recordings_by_room (room_id=?";

        for (boolean afterCursor : List.of(false, true)) {
          assertThat(plan(SqliteRecordingRepository.listingSql(where, filter.order(), afterCursor)))
              .as(sort + " " + room + " " + afterCursor)
              .contains("SEARCH r USING INDEX " + index + " AND created_at>? AND created_at<?)")
              .doesNotContain("TEMP B-TREE").doesNotContain("SCAN r");
        }
      }
    }
  }

  @Test
  void aWeekOfTenThousandRowsIsListedExactlyInBothOrders() {
    Instant from = T0.plusSeconds(100);
    Instant to = T0.plusSeconds(200);
    List<RecordingId> expected = newestFirst.stream()
        .filter(id -> {
          Instant created = repository.find(id).orElseThrow().details().createdAt();
          return !created.isBefore(from) && created.isBefore(to);
        }).toList();
    RecordingFilter newest = RecordingFilter.parse(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(from.toString()), Optional.of(to.toString()), Optional.empty(), Optional.empty(), Optional.empty());
    RecordingFilter oldest = new RecordingFilter(newest.room(), newest.status(), newest.processing(), newest.from(),
        newest.to(), newest.q(), newest.participant(), ListingOrder.OLDEST);

    assertThat(expected).hasSize(700);
    assertThat(drain(c -> repository.list(newest, ALICE, T0.plusSeconds(3600), 33, c))).containsExactlyElementsOf(expected);
    List<RecordingId> oldestFirst = new ArrayList<>(expected);
    java.util.Collections.reverse(oldestFirst);
    assertThat(drain(c -> repository.list(oldest, ALICE, T0.plusSeconds(3600), 33, c)))
        .containsExactlyElementsOf(oldestFirst);
  }

  @Test
  void uploadUsageSumsAllTenThousandRowsOfTheDayFromItsCoveringIndex() throws Exception {
    Instant now = T0.plus(Duration.ofMinutes(30));

    UploadUsage usage = repository.uploadUsage(ALICE, T0, now);

    // The first second's seven windows closed exactly at now; every later one is still open.
    assertThat(usage).isEqualTo(new UploadUsage(ROWS - 7, Optional.of(now.plusSeconds(1)), (ROWS - 7) * 1234L,
        Optional.of(T0)));
    assertThat(plan(SqliteRecordingRepository.UPLOAD_USAGE))
        .contains("USING COVERING INDEX recordings_usage_by_owner (owner=? AND created_at>?)")
        .doesNotContain("SCAN");
  }

  private String plan(String sql) {
    return database.read(connection -> {
      StringBuilder plan = new StringBuilder();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
        while (rs.next()) {
          plan.append(rs.getString("detail")).append('\n');
        }
      }
      return plan.toString();
    });
  }

  private static List<RecordingId> drain(Lister lister) {
    List<RecordingId> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      RecordingRepository.Page page = lister.page(cursor);
      page.recordings().forEach(r -> all.add(r.id()));
      cursor = page.nextCursor();
    } while (cursor.isPresent() && all.size() <= 2 * ROWS);
    return all;
  }

  @FunctionalInterface
  private interface Lister {
    RecordingRepository.Page page(Optional<String> cursor);
  }
}

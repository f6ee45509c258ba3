package io.chatvideo.recording.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.AbandonedRecording;
import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PartialReason;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Processing;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.Rendition;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.UploadUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RecordingRepository} must do. An adapter's test extends this class and gives
 * a fresh, empty repository per test.
 */
public abstract class RecordingRepositoryContract {

  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** A new, empty repository. */
  protected abstract RecordingRepository repository();

  @Test
  void aPendingRecordingReadsBackEqual() {
    RecordingRepository repository = repository();
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0, "bob@example.com");
    repository.insert(pending);
    assertThat(repository.find(pending.id())).contains(pending);
  }

  @Test
  void theAudioLayoutReadsBackThroughCompletion() {
    RecordingRepository repository = repository();
    RecordingDetails d = TestRecordings.details("alice@example.com", "room-1", T0);
    PendingRecording perParty = new PendingRecording(new RecordingDetails(d.id(), d.roomId(), d.owner(),
        d.participants(), d.objectKey(), d.filename(), d.contentType(), d.declaredSize(), d.createdAt(),
        d.expiresAt(), AudioLayout.PER_PARTY), Optional.empty(), T0.plusSeconds(60));
    repository.insert(perParty);
    assertThat(repository.find(perParty.id())).contains(perParty);
    CompletedRecording completed = perParty.complete(1000, Optional.empty(), T0.plusSeconds(9), Optional.empty());
    repository.replace(completed, RecordingStatus.PENDING);
    assertThat(repository.find(perParty.id()).orElseThrow().details().audioLayout()).isEqualTo(AudioLayout.PER_PARTY);
  }

  @Test
  void everyStateReadsBackEqual() {
    RecordingRepository repository = repository();
    PendingRecording multipart = TestRecordings.pendingMultipart("alice@example.com", "room-1", T0);
    PendingRecording toComplete = TestRecordings.pending("alice@example.com", "room-1", T0);
    PendingRecording toAbandon = TestRecordings.pendingMultipart("alice@example.com", "room-1", T0);
    repository.insert(multipart);
    repository.insert(toComplete);
    repository.insert(toAbandon);
    CompletedRecording completed = toComplete.complete(1000, Optional.of("cd".repeat(32)), T0.plusSeconds(9),
        Optional.of(Duration.ofMillis(8123)));
    AbandonedRecording abandoned = toAbandon.abandon(T0.plus(Duration.ofDays(1)));
    repository.replace(completed, RecordingStatus.PENDING);
    repository.replace(abandoned, RecordingStatus.PENDING);
    assertThat(repository.find(multipart.id())).contains(multipart);
    assertThat(repository.find(completed.id())).contains(completed);
    assertThat(repository.find(abandoned.id())).contains(abandoned);
  }

  @Test
  void whatProcessingMadeReadsBackEqualInEveryState() {
    RecordingRepository repository = repository();
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    repository.insert(pending);
    CompletedRecording queued = pending.complete(1000, Optional.empty(), T0.plusSeconds(9), Optional.empty())
        .withProcessing(Processing.queued(T0.plusSeconds(9)));
    repository.replace(queued, RecordingStatus.PENDING);
    assertThat(repository.find(queued.id())).contains(queued);

    ObjectKey key = queued.details().objectKey();
    Processing ready = queued.processing().running(T0.plusSeconds(10)).ready(T0.plusSeconds(20), OptionalInt.of(1280),
        OptionalInt.of(720), Optional.of(new Rendition(key.mp4Rendition(), 4321)),
        Optional.of(new Rendition(key.thumbnail(), 55))).withStoryboard(Optional.of(new Rendition(key.storyboard(), 777)));
    CompletedRecording processed = queued.processed(990, Optional.of("ef".repeat(32)), Duration.ofMillis(3210), ready);
    repository.replace(processed, RecordingStatus.COMPLETED);
    assertThat(repository.find(queued.id())).contains(processed);

    CompletedRecording failed = processed.withProcessing(ready.failed(T0.plusSeconds(30), "ffmpeg: invalid data"));
    repository.replace(failed, RecordingStatus.COMPLETED);
    assertThat(repository.find(queued.id())).contains(failed);
  }

  @Test
  void aSalvagedRecordingReadsBackPartialWithItsReasonThroughProcessing() {
    RecordingRepository repository = repository();
    PendingRecording pending = TestRecordings.pendingMultipart("alice@example.com", "room-1", T0);
    repository.insert(pending);
    CompletedRecording salvaged = pending.salvage(1_200, Optional.empty(), T0.plus(Duration.ofDays(2)))
        .withProcessing(Processing.queued(T0.plus(Duration.ofDays(2))));
    repository.replace(salvaged, RecordingStatus.PENDING);

    assertThat(repository.find(salvaged.id())).contains(salvaged);
    assertThat(salvaged.partial()).contains(PartialReason.CLIENT_GONE);
    CompletedRecording processed = salvaged.processed(1_150, Optional.empty(), Duration.ofMillis(41_960),
        salvaged.processing().running(T0.plus(Duration.ofDays(2))).ready(T0.plus(Duration.ofDays(2)),
            OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty()));
    repository.replace(processed, RecordingStatus.COMPLETED);
    assertThat(repository.find(salvaged.id())).contains(processed);
    assertThat(((CompletedRecording) repository.find(salvaged.id()).orElseThrow()).partial())
        .contains(PartialReason.CLIENT_GONE);
  }

  @Test
  void aPartialRecordingKeepsItsReplacementUploadUntilTheWholeCallReplacesIt() {
    RecordingRepository repository = repository();
    PendingRecording pending = TestRecordings.pendingMultipart("alice@example.com", "room-1", T0);
    repository.insert(pending);
    Instant salvagedAt = T0.plus(Duration.ofDays(2));
    CompletedRecording salvaged = pending.salvage(1_200, Optional.empty(), salvagedAt)
        .withProcessing(Processing.off(salvagedAt)).withReplacementUpload("replacement-upload-1");
    repository.replace(salvaged, RecordingStatus.PENDING);
    assertThat(repository.find(salvaged.id())).contains(salvaged);

    CompletedRecording whole = salvaged.replacedByWholeCall(5_000, Optional.empty(), salvagedAt.plusSeconds(60),
        Optional.of(Duration.ofSeconds(40)), Processing.off(salvagedAt.plusSeconds(60)));
    repository.replace(whole, RecordingStatus.COMPLETED);
    CompletedRecording found = (CompletedRecording) repository.find(salvaged.id()).orElseThrow();
    assertThat(found).isEqualTo(whole);
    assertThat(found.partial()).isEmpty();
    assertThat(found.replacementUploadId()).isEmpty();
  }

  @Test
  void stalledProcessingIsFoundByHowLongItHasBeenQueuedOrRunning() {
    RecordingRepository repository = repository();
    CompletedRecording oldQueued = completedWith(repository, Processing.queued(T0));
    CompletedRecording oldRunning = completedWith(repository, Processing.queued(T0).running(T0.plusSeconds(1)));
    completedWith(repository, Processing.queued(T0.plusSeconds(100)));
    completedWith(repository, Processing.queued(T0).running(T0).ready(T0, OptionalInt.empty(), OptionalInt.empty(),
        Optional.empty(), Optional.empty()));
    completedWith(repository, Processing.off(T0));

    assertThat(repository.findStalledProcessing(T0.plusSeconds(50), 10)).containsExactlyInAnyOrder(oldQueued, oldRunning);
    assertThat(repository.findStalledProcessing(T0.plusSeconds(50), 1)).hasSize(1);
    assertThat(repository.findStalledProcessing(T0, 10)).isEmpty();
  }

  private static CompletedRecording completedWith(RecordingRepository repository, Processing processing) {
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    repository.insert(pending);
    CompletedRecording completed = pending.complete(10, Optional.empty(), T0, Optional.empty())
        .withProcessing(processing);
    repository.replace(completed, RecordingStatus.PENDING);
    return completed;
  }

  @Test
  void anUnknownIdIsEmpty() {
    assertThat(repository().find(new RecordingId(UUID.randomUUID()))).isEmpty();
  }

  @Test
  void insertingATakenIdIsAConflict() {
    RecordingRepository repository = repository();
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    repository.insert(pending);
    assertThatThrownBy(() -> repository.insert(pending)).isInstanceOf(ConflictException.class);
  }

  @Test
  void replaceIsConditionalOnTheStoredStatus() {
    RecordingRepository repository = repository();
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    repository.insert(pending);
    CompletedRecording completed = pending.complete(10, Optional.empty(), T0.plusSeconds(1), Optional.empty());
    repository.replace(completed, RecordingStatus.PENDING);

    AbandonedRecording lateSweep = pending.abandon(T0.plusSeconds(2));
    assertThatThrownBy(() -> repository.replace(lateSweep, RecordingStatus.PENDING))
        .isInstanceOf(ConflictException.class);
    assertThat(repository.find(pending.id())).contains(completed);
  }

  @Test
  void replacingADeletedRecordingIsAConflict() {
    RecordingRepository repository = repository();
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    repository.insert(pending);
    repository.delete(pending.id());
    assertThatThrownBy(() -> repository.replace(pending.withUploadExpiresAt(T0.plusSeconds(9999)),
        RecordingStatus.PENDING)).isInstanceOf(ConflictException.class);
    assertThat(repository.find(pending.id())).isEmpty();
  }

  @Test
  void deleteIsIdempotent() {
    RecordingRepository repository = repository();
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    repository.insert(pending);
    repository.delete(pending.id());
    repository.delete(pending.id());
    assertThat(repository.find(pending.id())).isEmpty();
  }

  @Test
  void ownerListingPagesNewestFirstEachOnceIncludingTiesInOneSecond() {
    RecordingRepository repository = repository();
    List<Recording> mine = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      // Three recordings share each second, to exercise the tie-break.
      PendingRecording pending = TestRecordings.pending("alice@example.com", "room-" + (i % 2), T0.plusSeconds(i / 3));
      repository.insert(pending);
      mine.add(pending);
    }
    repository.insert(TestRecordings.pending("bob@example.com", "room-0", T0));

    List<Recording> listed = drain(cursor -> repository.list(RecordingFilter.NONE, ALICE, T0.plusSeconds(60),
        5, cursor));

    assertThat(listed).containsExactlyInAnyOrderElementsOf(mine);
    assertThat(listed).extracting(r -> r.details().createdAt())
        .isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void roomListingShowsWhatTheViewerOwnsOrTakesPartIn() {
    RecordingRepository repository = repository();
    PendingRecording alices = TestRecordings.pending("alice@example.com", "room-1", T0);
    PendingRecording bobsWithAlice = TestRecordings.pending("bob@example.com", "room-1", T0.plusSeconds(1),
        "alice@example.com");
    PendingRecording bobsAlone = TestRecordings.pending("bob@example.com", "room-1", T0.plusSeconds(2));
    PendingRecording alicesElsewhere = TestRecordings.pending("alice@example.com", "room-2", T0.plusSeconds(3));
    for (PendingRecording r : List.of(alices, bobsWithAlice, bobsAlone, alicesElsewhere)) {
      repository.insert(r);
    }

    List<Recording> listed = drain(cursor -> repository.list(inRoom("room-1"), ALICE,
        T0.plusSeconds(60), 1, cursor));

    assertThat(listed).containsExactly(bobsWithAlice, alices);
  }

  @Test
  void listingsLeaveOutExpiredRecordings() {
    RecordingRepository repository = repository();
    PendingRecording old = TestRecordings.pending("alice@example.com", "room-1", T0);
    PendingRecording recent = TestRecordings.pending("alice@example.com", "room-1", T0.plus(Duration.ofDays(10)));
    repository.insert(old);
    repository.insert(recent);
    Instant now = old.details().expiresAt();

    assertThat(drain(c -> repository.list(RecordingFilter.NONE, ALICE, now, 10, c))).containsExactly(recent);
    assertThat(drain(c -> repository.list(inRoom("room-1"), ALICE, now, 10, c)))
        .containsExactly(recent);
    assertThat(drain(c -> repository.listAll(10, c))).containsExactlyInAnyOrder(old, recent);
  }

  private static final UserId ALICE = UserId.of("alice@example.com");

  private static RecordingFilter filter(String room, String status, String processing, String from, String to,
      String q, String participant, String sort) {
    return RecordingFilter.parse(Optional.ofNullable(room), Optional.ofNullable(status), Optional.ofNullable(processing),
        Optional.ofNullable(from), Optional.ofNullable(to), Optional.ofNullable(q), Optional.ofNullable(participant),
        Optional.ofNullable(sort));
  }

  private static List<Recording> drainFiltered(RecordingRepository repository, RecordingFilter filter, int limit) {
    return drain(cursor -> repository.list(filter, ALICE, T0.plus(Duration.ofDays(1)), limit, cursor));
  }

  @Test
  void aDateRangeIncludesItsFromAndExcludesItsTo() {
    RecordingRepository repository = repository();
    PendingRecording before = TestRecordings.pending("alice@example.com", "room-1", T0.minusNanos(1));
    PendingRecording atFrom = TestRecordings.pending("alice@example.com", "room-1", T0);
    PendingRecording inside = TestRecordings.pending("alice@example.com", "room-1", T0.plusSeconds(30));
    PendingRecording justBeforeTo = TestRecordings.pending("alice@example.com", "room-1", T0.plusSeconds(60).minusNanos(1));
    PendingRecording atTo = TestRecordings.pending("alice@example.com", "room-1", T0.plusSeconds(60));
    for (PendingRecording r : List.of(before, atFrom, inside, justBeforeTo, atTo)) {
      repository.insert(r);
    }
    String from = T0.toString();
    String to = T0.plusSeconds(60).toString();

    assertThat(drainFiltered(repository, filter(null, null, null, from, to, null, null, null), 2))
        .containsExactly(justBeforeTo, inside, atFrom);
    assertThat(drainFiltered(repository, filter("room-1", null, null, from, to, null, null, "oldest"), 2))
        .containsExactly(atFrom, inside, justBeforeTo);
    assertThat(drainFiltered(repository, filter(null, null, null, to, null, null, null, null), 10))
        .containsExactly(atTo);
    assertThat(drainFiltered(repository, filter(null, null, null, null, from, null, null, null), 10))
        .containsExactly(before);
    assertThat(drainFiltered(repository, filter(null, null, null, from, from, null, null, null), 10)).isEmpty();
  }

  @Test
  void qMatchesFileNameOrRoomIgnoringCaseInAnyScriptAndTakesPercentAndUnderscoreLiterally() {
    RecordingRepository repository = repository();
    PendingRecording summer = TestRecordings.pendingNamed("alice@example.com", "room-1", T0, "Été à Zürich.webm");
    PendingRecording street = TestRecordings.pendingNamed("alice@example.com", "room-1", T0.plusSeconds(1),
        "Straße ΣΟΦΙΑ.webm");
    PendingRecording percent = TestRecordings.pendingNamed("alice@example.com", "room-1", T0.plusSeconds(2),
        "budget 100%.webm");
    PendingRecording underscore = TestRecordings.pendingNamed("alice@example.com", "room-1", T0.plusSeconds(3),
        "q3_review.webm");
    PendingRecording lookalike = TestRecordings.pendingNamed("alice@example.com", "room-1", T0.plusSeconds(4),
        "q3-review 1000.webm");
    PendingRecording byRoom = TestRecordings.pendingNamed("alice@example.com", "Stand-Up_42", T0.plusSeconds(5),
        "x.webm");
    for (PendingRecording r : List.of(summer, street, percent, underscore, lookalike, byRoom)) {
      repository.insert(r);
    }

    assertThat(drainFiltered(repository, filter(null, null, null, null, null, "ÉTÉ À zürich", null, null), 10))
        .containsExactly(summer);
    assertThat(drainFiltered(repository, filter(null, null, null, null, null, "STRASSE σοφια", null, null), 10))
        .containsExactly(street);
    assertThat(drainFiltered(repository, filter(null, null, null, null, null, "0%", null, null), 10))
        .containsExactly(percent);
    assertThat(drainFiltered(repository, filter(null, null, null, null, null, "%", null, null), 10))
        .containsExactly(percent);
    assertThat(drainFiltered(repository, filter(null, null, null, null, null, "3_r", null, null), 10))
        .containsExactly(underscore);
    assertThat(drainFiltered(repository, filter(null, null, null, null, null, "_", null, null), 10))
        .containsExactly(byRoom, underscore);
    assertThat(drainFiltered(repository, filter(null, null, null, null, null, "stand-up_", null, null), 10))
        .containsExactly(byRoom);
    assertThat(drainFiltered(repository, filter(null, null, null, null, null, "\\", null, null), 10)).isEmpty();
  }

  @Test
  void filtersThatMatchNothingGiveOneEmptyLastPage() {
    RecordingRepository repository = repository();
    repository.insert(TestRecordings.pending("alice@example.com", "room-1", T0));
    repository.insert(TestRecordings.pending("bob@example.com", "room-1", T0, "alice@example.com"));

    assertThat(drainFiltered(repository, filter(null, "COMPLETED", null, null, null, null, null, null), 10)).isEmpty();
    assertThat(drainFiltered(repository, filter("room-2", null, null, null, null, null, null, null), 10)).isEmpty();
    assertThat(drainFiltered(repository, filter(null, null, null, null, null, "nothing like it", null, null), 10))
        .isEmpty();
    assertThat(drainFiltered(repository, filter(null, null, null, "2030-01-01T00:00:00Z", null, null, null, null), 10))
        .isEmpty();
    // A room listing shows what alice takes part in; her own listing only what she owns.
    assertThat(drainFiltered(repository, filter(null, null, null, null, null, null, "alice@example.com", null), 10))
        .isEmpty();
  }

  @Test
  void statusProcessingAndParticipantFiltersKeepOnlyWhatMatches() {
    RecordingRepository repository = repository();
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", T0, "carol@example.com");
    CompletedRecording ready = completedWith(repository, Processing.queued(T0).running(T0).ready(T0,
        OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty()));
    CompletedRecording queued = completedWith(repository, Processing.queued(T0));
    repository.insert(pending);
    PendingRecording bobsWithCarol = TestRecordings.pending("bob@example.com", "room-1", T0.plusSeconds(1),
        "alice@example.com", "carol@example.com");
    repository.insert(bobsWithCarol);

    assertThat(drainFiltered(repository, filter(null, "COMPLETED", null, null, null, null, null, null), 1))
        .containsExactlyInAnyOrder(ready, queued);
    assertThat(drainFiltered(repository, filter(null, null, "ready", null, null, null, null, null), 1))
        .containsExactly(ready);
    assertThat(drainFiltered(repository, filter(null, "PENDING", null, null, null, null, null, null), 1))
        .containsExactly(pending);
    assertThat(drainFiltered(repository, filter(null, null, null, null, null, null, "carol@example.com", null), 1))
        .containsExactly(pending);
    assertThat(drainFiltered(repository, filter("room-1", null, null, null, null, null, "carol@example.com", null), 1))
        .containsExactly(bobsWithCarol, pending);
  }

  @Test
  void aRareMatchSpreadOverManyPagesIsListedOnceEachInOrder() {
    RecordingRepository repository = repository();
    List<Recording> matching = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      boolean match = i % 17 == 5;
      PendingRecording r = TestRecordings.pendingNamed("alice@example.com", "room-" + (i % 3),
          T0.plusSeconds(i / 2), match ? "Needle " + i + ".webm" : "hay " + i + ".webm");
      repository.insert(r);
      if (match) {
        matching.add(r);
      }
    }
    repository.insert(TestRecordings.pendingNamed("bob@example.com", "room-0", T0, "needle of bob.webm"));
    Comparator<Recording> newestFirst = Comparator.comparing((Recording r) -> r.details().createdAt()).reversed();

    List<Recording> listed = drainFiltered(repository, filter(null, null, null, null, null, "NEEDLE", null, null), 2);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(matching);
    assertThat(listed).extracting(r -> r.details().createdAt()).isSortedAccordingTo(Comparator.reverseOrder());

    List<Recording> oldest = drainFiltered(repository, filter(null, null, null, T0.plusSeconds(10).toString(),
        T0.plusSeconds(50).toString(), "needle", null, "oldest"), 1);
    assertThat(oldest).containsExactlyInAnyOrderElementsOf(matching.stream()
        .filter(r -> !r.details().createdAt().isBefore(T0.plusSeconds(10))
            && r.details().createdAt().isBefore(T0.plusSeconds(50))).toList());
    assertThat(oldest).extracting(r -> r.details().createdAt()).isSorted();
    assertThat(listed).isSortedAccordingTo(newestFirst);
  }

  @Test
  void aForgedCursorIsInvalidInputOnNextTokenInAFilteredListing() {
    RecordingRepository repository = repository();
    assertThatThrownBy(() -> repository.list(filter(null, null, null, null, null, "x", null, "oldest"), ALICE, T0, 10,
        Optional.of("%%not-a-cursor")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("next_token"));
  }

  @Test
  void aForgedCursorIsInvalidInputOnNextToken() {
    RecordingRepository repository = repository();
    assertThatThrownBy(() -> repository.list(RecordingFilter.NONE, ALICE, T0, 10, Optional.of("%%not-a-cursor")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("next_token"));
  }

  @Test
  void findExpiredReturnsEveryStateOnceExpired() {
    RecordingRepository repository = repository();
    PendingRecording expiredPending = TestRecordings.pending("alice@example.com", "room-1", T0);
    PendingRecording expiredToComplete = TestRecordings.pending("bob@example.com", "room-2", T0);
    PendingRecording live = TestRecordings.pending("alice@example.com", "room-1", T0.plus(Duration.ofDays(5)));
    repository.insert(expiredPending);
    repository.insert(expiredToComplete);
    repository.insert(live);
    repository.replace(expiredToComplete.complete(5, Optional.empty(), T0.plusSeconds(3), Optional.empty()),
        RecordingStatus.PENDING);

    List<RecordingId> expired = repository.findExpired(T0.plus(TestRecordings.RETENTION), 100).stream()
        .map(Recording::id).toList();

    assertThat(expired).containsExactlyInAnyOrder(expiredPending.id(), expiredToComplete.id());
    assertThat(repository.findExpired(T0.plus(TestRecordings.RETENTION), 1)).hasSize(1);
  }

  @Test
  void findUnfinishedUploadsReturnsClosedPendingAndAbandonedOnly() {
    RecordingRepository repository = repository();
    PendingRecording closed = TestRecordings.pending("alice@example.com", "room-1", T0);
    PendingRecording open = TestRecordings.pending("alice@example.com", "room-1", T0.plus(Duration.ofHours(5)));
    PendingRecording toAbandon = TestRecordings.pendingMultipart("alice@example.com", "room-1", T0);
    PendingRecording toComplete = TestRecordings.pending("alice@example.com", "room-1", T0);
    for (PendingRecording r : List.of(closed, open, toAbandon, toComplete)) {
      repository.insert(r);
    }
    repository.replace(toAbandon.abandon(T0.plus(Duration.ofHours(1))), RecordingStatus.PENDING);
    repository.replace(toComplete.complete(5, Optional.empty(), T0.plusSeconds(3), Optional.empty()),
        RecordingStatus.PENDING);

    List<RecordingId> unfinished = repository.findUnfinishedUploads(T0.plus(Duration.ofHours(2)), 100).stream()
        .map(Recording::id).toList();

    assertThat(unfinished).containsExactlyInAnyOrder(closed.id(), toAbandon.id());
  }

  @Test
  void uploadUsageCountsTheOwnersOpenUploadsAndTheBytesCreatedSince() {
    RecordingRepository repository = repository();
    Instant since = T0.minus(Duration.ofHours(1));
    Instant now = T0.plus(Duration.ofMinutes(15));
    repository.insert(TestRecordings.pending("alice@example.com", "room-1", T0.plus(Duration.ofMinutes(10))));
    repository.insert(TestRecordings.pending("alice@example.com", "room-2", T0));
    // Its window closed at T0 + 10 min: neither open nor bytes, but part of the day.
    repository.insert(TestRecordings.pending("alice@example.com", "room-1", T0.minus(Duration.ofMinutes(20))));
    insertCompleted(repository, "alice@example.com", T0.plus(Duration.ofMinutes(1)), 1000);
    insertCompleted(repository, "alice@example.com", since, 200);
    insertCompleted(repository, "alice@example.com", since.minusNanos(1), 400);
    PendingRecording toAbandon = TestRecordings.pendingMultipart("alice@example.com", "room-1", T0);
    repository.insert(toAbandon);
    repository.replace(toAbandon.abandon(T0.plusSeconds(1)), RecordingStatus.PENDING);
    repository.insert(TestRecordings.pending("bob@example.com", "room-1", T0.minus(Duration.ofMinutes(50))));
    insertCompleted(repository, "bob@example.com", T0, 800);

    assertThat(repository.uploadUsage(UserId.of("alice@example.com"), since, now)).isEqualTo(new UploadUsage(2,
        Optional.of(T0.plus(Duration.ofMinutes(30))), 2 * 1234 + 1000 + 200, Optional.of(since)));
    assertThat(repository.uploadUsage(UserId.of("bob@example.com"), since, now))
        .isEqualTo(new UploadUsage(0, Optional.empty(), 800, Optional.of(T0.minus(Duration.ofMinutes(50)))));
    assertThat(repository.uploadUsage(UserId.of("carol@example.com"), since, now)).isEqualTo(UploadUsage.NONE);
  }

  @Test
  void uploadUsageLeavesOutWhatTheListingLeavesOutAsExpired() {
    RecordingRepository repository = repository();
    CompletedRecording expiring = insertCompleted(repository, "alice@example.com", T0, 1000);
    Instant now = expiring.details().expiresAt();
    PendingRecording open = TestRecordings.pending("alice@example.com", "room-1", now.minus(Duration.ofMinutes(1)));
    repository.insert(open);

    assertThat(repository.uploadUsage(UserId.of("alice@example.com"), now.minus(Duration.ofDays(31)), now))
        .isEqualTo(new UploadUsage(1, Optional.of(open.uploadExpiresAt()), 1234,
            Optional.of(open.details().createdAt())));
    assertThat(repository.uploadUsage(UserId.of("alice@example.com"), now.minus(Duration.ofDays(31)),
        now.minusNanos(1))).isEqualTo(new UploadUsage(1, Optional.of(open.uploadExpiresAt()), 1234 + 1000,
            Optional.of(T0)));
  }

  private static CompletedRecording insertCompleted(RecordingRepository repository, String owner, Instant createdAt,
      long storedSize) {
    PendingRecording pending = TestRecordings.pending(owner, "room-1", createdAt);
    repository.insert(pending);
    CompletedRecording completed = pending.complete(storedSize, Optional.empty(), createdAt.plusSeconds(2),
        Optional.empty());
    repository.replace(completed, RecordingStatus.PENDING);
    return completed;
  }

  /** Follows a listing's cursors to the end, failing if it never ends. */
  protected static List<Recording> drain(Lister lister) {
    List<Recording> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    for (int pages = 0; pages < 100_000; pages++) {
      RecordingRepository.Page page = lister.page(cursor);
      all.addAll(page.recordings());
      if (page.nextCursor().isEmpty()) {
        return all;
      }
      cursor = page.nextCursor();
    }
    throw new AssertionError("the listing never ended");
  }

  /** One page of a listing, from a cursor. */
  @FunctionalInterface
  protected interface Lister {
    RecordingRepository.Page page(Optional<String> cursor);
  }

  /** The listing of one room, as the API asks for it. */
  private static RecordingFilter inRoom(String room) {
    return RecordingFilter.ofRoom(Optional.of(RoomId.of(room)));
  }
}

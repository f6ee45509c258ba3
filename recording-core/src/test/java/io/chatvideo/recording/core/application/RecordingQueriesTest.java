package io.chatvideo.recording.core.application;

import static io.chatvideo.recording.core.application.CoreFixture.ALICE;
import static io.chatvideo.recording.core.application.CoreFixture.BOB;
import static io.chatvideo.recording.core.application.CoreFixture.MALLORY;
import static io.chatvideo.recording.core.application.CoreFixture.ROOM;
import static io.chatvideo.recording.core.application.CoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ListingOrder;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase.ListRecordingsQuery;
import io.chatvideo.recording.core.port.in.RecordingPage;
import io.chatvideo.recording.core.port.in.RecordingView;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordingQueriesTest {

  private final CoreFixture core = new CoreFixture();

  @Test
  void aCompletedRecordingComesWithAOneHourDownloadUrl() {
    RecordingId id = core.uploadCompleted(ALICE, new byte[5]);
    RecordingView view = core.recordings.getRecording().get(ALICE, id);
    PresignedRequest download = view.download().orElseThrow();
    assertThat(download.method()).isEqualTo("GET");
    assertThat(download.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void aPendingRecordingHasNoDownloadUrl() {
    RecordingId id = core.requestUpload(ALICE, 5).recordingId();
    assertThat(core.recordings.getRecording().get(ALICE, id).download()).isEmpty();
  }

  @Test
  void aDownloadUrlAskedForTenMinutesBeforeExpiryLivesAtMostTenMinutes() {
    RecordingId id = core.uploadCompleted(ALICE, new byte[5]);
    core.clock.advance(Duration.ofDays(30).minus(Duration.ofMinutes(10)));
    PresignedRequest download = core.recordings.getRecording().get(ALICE, id).download().orElseThrow();
    assertThat(Duration.between(core.clock.instant(), download.expiresAt())).isLessThanOrEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void anExpiredRecordingIsNotFoundEvenBeforeTheStoreDeletesIt() {
    RecordingId id = core.uploadCompleted(ALICE, new byte[5]);
    core.clock.advance(Duration.ofDays(30));
    assertThatThrownBy(() -> core.recordings.getRecording().get(ALICE, id))
        .isInstanceOf(RecordingNotFoundException.class);
  }

  @Test
  void anExpiredRecordingIsNotListedEvenWhenTheStoreStillReturnsIt() {
    core.uploadCompleted(ALICE, new byte[5]);
    core.clock.advance(Duration.ofDays(1));
    RecordingId recent = core.uploadCompleted(ALICE, new byte[5]);
    core.clock.advance(Duration.ofDays(29));
    core.repository.returnExpiredRows();

    assertThat(ids(list(ALICE, Optional.empty(), 10, Optional.empty()))).containsExactly(recent);
    assertThat(ids(list(ALICE, Optional.of(ROOM), 10, Optional.empty()))).containsExactly(recent);
  }

  @Test
  void anotherUsersRecordingIsNotFound() {
    RecordingId id = core.uploadCompleted(ALICE, new byte[5]);
    assertThatThrownBy(() -> core.recordings.getRecording().get(MALLORY, id))
        .isInstanceOf(RecordingNotFoundException.class)
        .hasMessage("recording " + id + " not found");
  }

  @Test
  void theOwnerListingPagesThroughEveryRecordingOnceNewestFirst() {
    List<RecordingId> uploaded = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      uploaded.add(core.uploadCompleted(ALICE, new byte[5]));
      core.clock.advance(Duration.ofSeconds(1));
    }
    core.uploadCompleted(MALLORY, new byte[5]);

    List<RecordingId> listed = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      RecordingPage page = list(ALICE, Optional.empty(), 3, token);
      assertThat(page.recordings()).hasSizeLessThanOrEqualTo(3).allSatisfy(v -> assertThat(v.download()).isPresent());
      listed.addAll(ids(page));
      token = page.nextToken();
    } while (token.isPresent());

    java.util.Collections.reverse(uploaded);
    assertThat(listed).containsExactlyElementsOf(uploaded);
  }

  @Test
  void aRoomListingShowsWhatTheCallerOwnsOrTakesPartIn() {
    RecordingId alices = core.uploadCompleted(ALICE, new byte[5]);
    RecordingId bobsWithAlice = core.uploadCompleted(BOB, new byte[5], ALICE);
    RecordingId bobsAlone = core.uploadCompleted(BOB, new byte[5]);

    assertThat(ids(list(ALICE, Optional.of(ROOM), 10, Optional.empty())))
        .containsExactlyInAnyOrder(alices, bobsWithAlice);
    assertThat(ids(list(MALLORY, Optional.of(ROOM), 10, Optional.empty()))).isEmpty();
    assertThat(ids(list(BOB, Optional.of(ROOM), 10, Optional.empty()))).containsExactlyInAnyOrder(bobsWithAlice, bobsAlone);
  }

  @Test
  void aTokenFromAnotherListingIsRefused() {
    for (int i = 0; i < 3; i++) {
      core.uploadCompleted(ALICE, new byte[5]);
    }
    String token = list(ALICE, Optional.empty(), 1, Optional.empty()).nextToken().orElseThrow();
    assertThatThrownBy(() -> list(MALLORY, Optional.empty(), 1, Optional.of(token)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("next_token"));
    assertThatThrownBy(() -> list(ALICE, Optional.of(RoomId.of("other")), 1, Optional.of(token)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> list(ALICE, Optional.empty(), 1, Optional.of("not base64 !")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aTokenUsedWithAnotherFilterOrSortIsRefusedNamingTheQuery() {
    for (int i = 0; i < 3; i++) {
      core.uploadCompleted(ALICE, new byte[5]);
    }
    RecordingFilter completed = RecordingFilter.parse(Optional.empty(), Optional.of("COMPLETED"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of("webm"), Optional.empty(), Optional.empty());
    String token = core.recordings.listRecordings().list(new ListRecordingsQuery(ALICE, completed, 1, Optional.empty()))
        .nextToken().orElseThrow();
    RecordingFilter oldest = new RecordingFilter(completed.room(), completed.status(), completed.processing(),
        completed.from(), completed.to(), completed.q(), completed.participant(), ListingOrder.OLDEST);

    assertThat(core.recordings.listRecordings().list(new ListRecordingsQuery(ALICE, completed, 5, Optional.of(token)))
        .recordings()).hasSize(2);
    assertThatThrownBy(() -> core.recordings.listRecordings().list(
        new ListRecordingsQuery(ALICE, oldest, 1, Optional.of(token))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("next_token");
          assertThat(e.reason()).contains("another query");
        });
    assertThatThrownBy(() -> list(ALICE, Optional.empty(), 1, Optional.of(token)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).contains("another query"));
  }

  @Test
  void theLimitRunsFromOneToTwoHundred() {
    assertThatThrownBy(() -> new ListRecordingsQuery(ALICE, Optional.empty(), 0, Optional.empty()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> new ListRecordingsQuery(ALICE, Optional.empty(), 201, Optional.empty()))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void theAdministratorListingShowsEveryoneIncludingExpired() {
    core.uploadCompleted(ALICE, new byte[5]);
    core.uploadCompleted(MALLORY, new byte[5]);
    core.clock.advance(Duration.ofDays(31));
    RecordingPage page = core.recordings.listAllRecordings().listAll(10, Optional.empty());
    assertThat(page.recordings()).hasSize(2).allSatisfy(v -> assertThat(v.download()).isEmpty());
  }

  private RecordingPage list(UserId caller, Optional<RoomId> room, int limit, Optional<String> token) {
    return core.recordings.listRecordings().list(new ListRecordingsQuery(caller, room, limit, token));
  }

  private static List<RecordingId> ids(RecordingPage page) {
    return page.recordings().stream().map(v -> v.recording().id()).toList();
  }
}

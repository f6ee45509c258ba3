package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.PresignPolicy;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.GetRecordingUseCase;
import io.chatvideo.recording.core.port.in.ListAllRecordingsUseCase;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase;
import io.chatvideo.recording.core.port.in.RecordingPage;
import io.chatvideo.recording.core.port.in.RecordingView;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Listings and single recordings, each COMPLETED one with a freshly signed download URL. */
final class RecordingQueries implements ListRecordingsUseCase, GetRecordingUseCase, ListAllRecordingsUseCase {

  private final RecordingRepository repository;
  private final ObjectStorage storage;
  private final Clock clock;
  private final PresignPolicy presign;
  private final RecordingAccess access;

  RecordingQueries(RecordingRepository repository, ObjectStorage storage, Clock clock, PresignPolicy presign) {
    this.repository = repository;
    this.storage = storage;
    this.clock = clock;
    this.presign = presign;
    this.access = new RecordingAccess(repository);
  }

  @Override
  public RecordingPage list(ListRecordingsQuery query) {
    Instant now = clock.instant();
    String scope = query.roomId().map(room -> "room:" + room + ":" + query.caller()).orElse("owner:" + query.caller());
    Optional<String> cursor = PageTokens.decode(scope, query.pageToken());
    RecordingRepository.Page page = query.roomId().isPresent()
        ? repository.listByRoom(query.roomId().get(), query.caller(), now, query.limit(), cursor)
        : repository.listByOwner(query.caller(), now, query.limit(), cursor);
    // The store's own expiry and visibility filters are trusted for paging, not for what is shown.
    return new RecordingPage(
        page.recordings().stream()
            .filter(r -> r.details().isVisibleTo(query.caller()) && !r.details().isExpired(now))
            .map(r -> view(r, now))
            .toList(),
        page.nextCursor().map(next -> PageTokens.encode(scope, next)));
  }

  @Override
  public RecordingPage listAll(int limit, Optional<String> pageToken) {
    ListRecordingsUseCase.checkLimit(limit);
    String scope = "all";
    RecordingRepository.Page page = repository.listAll(limit, PageTokens.decode(scope, pageToken));
    return new RecordingPage(
        page.recordings().stream().map(r -> new RecordingView(r, Optional.empty())).toList(),
        page.nextCursor().map(next -> PageTokens.encode(scope, next)));
  }

  @Override
  public RecordingView get(UserId caller, RecordingId id) {
    Instant now = clock.instant();
    return view(access.visible(caller, id, now), now);
  }

  private RecordingView view(Recording recording, Instant now) {
    return new RecordingView(recording, recording instanceof CompletedRecording
        ? Optional.of(download(recording.details(), now)) : Optional.empty());
  }

  private PresignedRequest download(RecordingDetails details, Instant now) {
    Instant expiry = presign.downloadExpiry(now, details.expiresAt(), storage.credentialsExpiry());
    return storage.presignGet(details.objectKey(), details.contentType(), details.filename(), expiry);
  }
}

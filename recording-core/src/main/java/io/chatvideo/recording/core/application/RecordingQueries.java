package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.PresignPolicy;
import io.chatvideo.recording.core.domain.Processing;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.GetRecordingUseCase;
import io.chatvideo.recording.core.port.in.ListAllRecordingsUseCase;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase;
import io.chatvideo.recording.core.port.in.RecordingPage;
import io.chatvideo.recording.core.port.in.RecordingView;
import io.chatvideo.recording.core.port.in.RecordingView.RenditionView;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Listings and single recordings, each COMPLETED one with a freshly signed download URL, and a
 * ready one with its poster's and renditions' too.
 */
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
    String scope = PageTokens.scope(query.caller() + "\n" + query.filter().canonical());
    Optional<String> cursor = PageTokens.decode(scope, query.pageToken());
    RecordingRepository.Page page = repository.list(query.filter(), query.caller(), now, query.limit(), cursor);
    // The store's own expiry, visibility and filter are trusted for paging, not for what is shown.
    boolean inRoom = query.filter().room().isPresent();
    return new RecordingPage(
        page.recordings().stream()
            .filter(r -> (inRoom ? r.details().isVisibleTo(query.caller()) : r.details().isOwnedBy(query.caller()))
                && !r.details().isExpired(now) && query.filter().matches(r))
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
    if (!(recording instanceof CompletedRecording completed)) {
      return new RecordingView(recording, Optional.empty());
    }
    RecordingDetails details = completed.details();
    Instant expiry = presign.downloadExpiry(now, details.expiresAt(), storage.credentialsExpiry());
    PresignedRequest original = storage.presignGet(details.objectKey(), details.contentType(), details.filename(), expiry);
    Processing processing = completed.processing();
    if (processing.state() != ProcessingState.READY) {
      return new RecordingView(recording, Optional.of(original));
    }
    List<RenditionView> renditions = new ArrayList<>();
    boolean originalIsMp4 = details.contentType().mediaType().endsWith("/mp4");
    renditions.add(new RenditionView(originalIsMp4 ? "mp4" : "webm", details.contentType(), completed.storedSize(),
        original));
    processing.mp4().ifPresent(mp4 -> renditions.add(new RenditionView("mp4", ContentType.MP4, mp4.size(),
        storage.presignGet(mp4.key(), ContentType.MP4, renamed(details.filename(), "mp4"), expiry))));
    Optional<PresignedRequest> thumbnail = processing.thumbnail().map(poster ->
        storage.presignGet(poster.key(), ContentType.JPEG, renamed(details.filename(), "jpg"), expiry));
    return new RecordingView(recording, Optional.of(original), thumbnail, renditions);
  }

  /** The recording's file name with another extension, for what processing made of it. */
  static Filename renamed(Filename filename, String extension) {
    String name = filename.value();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return Filename.sanitize(stem + "." + extension, "recording." + extension);
  }
}

package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ETag;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.PresignPolicy;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase;
import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.RecordingIdGenerator;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.StoredObject;
import io.chatvideo.recording.core.port.out.UploadLedger;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.PartLength;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Issues upload URLs, runs multipart uploads and verifies completions. */
final class UploadService implements RequestUploadUseCase, MultipartUploadUseCase, CompleteUploadUseCase {

  private final RecordingRepository repository;
  private final ObjectStorage storage;
  private final Clock clock;
  private final RecordingIdGenerator ids;
  private final RetentionPolicy retention;
  private final PresignPolicy presign;
  private final SizePolicy sizes;
  private final UploadLimits limits;
  private final UploadAllowance allowance;
  private final RecordingAccess access;
  private final ProcessingService processing;
  private final RecordingChanges changes;

  UploadService(RecordingRepository repository, ObjectStorage storage, UploadLedger ledger, Clock clock,
      RecordingIdGenerator ids, RetentionPolicy retention, PresignPolicy presign, SizePolicy sizes, UploadLimits limits,
      ProcessingService processing, RecordingChanges changes) {
    this.processing = processing;
    this.changes = changes;
    this.repository = repository;
    this.storage = storage;
    this.clock = clock;
    this.ids = ids;
    this.retention = retention;
    this.presign = presign;
    this.sizes = sizes;
    this.limits = limits;
    this.allowance = new UploadAllowance(repository, ledger, limits);
    this.access = new RecordingAccess(repository);
  }

  @Override
  public UploadTicket requestUpload(RequestUploadCommand command) {
    command.size().ifPresent(sizes::checkDeclaredSize);
    command.size().ifPresent(size -> limits.checkRecordingSize("size", size));
    // Without a declared size the URL takes as much as one PUT may carry, and that is what counts.
    long signed = command.size().orElse(sizes.maxSinglePutBytes());
    if (command.size().isEmpty() && signed > limits.maxRecordingBytes()) {
      throw new InvalidInputException("size", "is required here: without it the upload URL would accept up to "
          + signed + " bytes, more than the " + limits.maxRecordingBytes() + " a recording may hold");
    }
    Instant now = clock.instant();
    allowance.check(command.caller(), now);
    RecordingDetails details = newDetails(command.caller(), command.roomId(), command.filename(),
        command.contentType(), command.size(), command.participants(), command.audioLayout(), now);
    Instant urlExpiry = uploadExpiry(now, details, details.createdAt());
    allowance.reserve(details, Map.of(UploadLedger.WHOLE_OBJECT, signed), "size", now);
    PresignedRequest upload = storage.presignPut(details.objectKey(), details.contentType(), command.size(), urlExpiry);
    repository.insert(new PendingRecording(details, Optional.empty(), urlExpiry));
    return new UploadTicket(details.id(), details.objectKey(), upload, Duration.between(now, urlExpiry));
  }

  @Override
  public MultipartTicket start(StartMultipartCommand command) {
    Instant now = clock.instant();
    allowance.check(command.caller(), now);
    RecordingDetails details = newDetails(command.caller(), command.roomId(), command.filename(),
        command.contentType(), OptionalLong.empty(), command.participants(), command.audioLayout(), now);
    Instant urlExpiry = uploadExpiry(now, details, details.createdAt());
    String uploadId = storage.startMultipart(details.objectKey(), details.contentType());
    try {
      repository.insert(new PendingRecording(details, Optional.of(uploadId), urlExpiry));
    } catch (RuntimeException e) {
      abortQuietly(details.objectKey(), uploadId, e);
      throw e;
    }
    return new MultipartTicket(details.id(), details.objectKey(), uploadId, SizePolicy.MIN_PART_BYTES);
  }

  /**
   * Each part's URL accepts exactly its length, and the lengths are counted before anything is
   * signed: a request that would take the recording or the owner's day past its limit signs nothing.
   */
  @Override
  public List<PartUpload> signParts(SignPartsCommand command) {
    Instant now = clock.instant();
    Recording recording = access.owned(command.caller(), command.id(), now);
    if (recording instanceof CompletedRecording partial && partial.replacementUploadId().isPresent()) {
      // A returning client's parts of the whole call; its window opened when the server salvaged the rest.
      return sign(partial.details(), partial.replacementUploadId().get(),
          uploadExpiry(now, partial.details(), partial.completedAt()), command, now);
    }
    PendingRecording pending = access.ownedMultipart(command.caller(), command.id(), now);
    Instant urlExpiry = uploadExpiry(now, pending.details(), pending.details().createdAt());
    List<PartUpload> uploads = sign(pending.details(), pending.multipartUploadId().orElseThrow(), urlExpiry, command,
        now);
    PendingRecording extended = pending.withUploadExpiresAt(urlExpiry);
    if (extended != pending) {
      repository.replace(extended, RecordingStatus.PENDING);
    }
    return uploads;
  }

  private List<PartUpload> sign(RecordingDetails details, String uploadId, Instant urlExpiry, SignPartsCommand command,
      Instant now) {
    Map<Integer, Long> lengths = new TreeMap<>();
    command.parts().forEach(part -> lengths.put(part.partNumber(), part.length()));
    allowance.reserve(details, lengths, "parts", now);
    List<PartUpload> uploads = new ArrayList<>();
    for (PartLength part : command.parts()) {
      uploads.add(new PartUpload(part.partNumber(), storage.presignPart(details.objectKey(), uploadId,
          part.partNumber(), part.length(), urlExpiry)));
    }
    return uploads;
  }

  @Override
  public ReplacementTicket replacement(UserId caller, RecordingId id) {
    Instant now = clock.instant();
    Recording recording = access.owned(caller, id, now);
    if (!(recording instanceof CompletedRecording completed)) {
      throw new ConflictException("recording " + id + " is " + recording.status() + ", not a partial recording; "
          + "resume its upload instead");
    }
    if (!completed.isPartial()) {
      throw new ConflictException("recording " + id + " holds the whole call (partial is false): there is nothing "
          + "to replace");
    }
    String uploadId = completed.replacementUploadId().orElseThrow(() -> new ConflictException("recording " + id
        + " is partial, but the server kept no copy of its parts to finish it with; it stays partial"));
    List<StoredPart> parts;
    try {
      parts = storage.listParts(completed.details().objectKey(), uploadId);
    } catch (ConflictException gone) {
      throw new ConflictException("the replacement upload of recording " + id + " is gone (the store removes "
          + "unfinished uploads after a while); the recording stays partial");
    }
    uploadExpiry(now, completed.details(), completed.completedAt());
    return new ReplacementTicket(id, uploadId, SizePolicy.MIN_PART_BYTES, parts);
  }

  /**
   * When URLs signed now expire: never past the upload window's hard end, which no signing moves.
   * The window opens at {@code windowStart}: the recording's start, or for a replacement upload the
   * salvage that made it.
   */
  private Instant uploadExpiry(Instant now, RecordingDetails details, Instant windowStart) {
    Instant windowEnd = limits.uploadWindowEnd(windowStart);
    if (!windowEnd.isAfter(now)) {
      throw new ConflictException("the upload window of recording " + details.id() + " closed at " + windowEnd
          + " (an upload may stay open " + limits.maxUploadWindow() + " at most); complete it with the parts stored"
          + " or start a new recording");
    }
    Instant expiry = presign.uploadExpiry(now, details.expiresAt(), storage.credentialsExpiry());
    return expiry.isAfter(windowEnd) ? windowEnd : expiry;
  }

  @Override
  public List<StoredPart> storedParts(UserId caller, RecordingId id) {
    PendingRecording pending = access.ownedMultipart(caller, id, clock.instant());
    return storage.listParts(pending.details().objectKey(), pending.multipartUploadId().orElseThrow());
  }

  @Override
  public void abort(UserId caller, RecordingId id) {
    Recording recording = access.owned(caller, id, clock.instant());
    if (!(recording instanceof PendingRecording pending)) {
      throw new ConflictException("recording " + id + " is " + recording.status() + ", not an upload in progress"
          + "; delete it instead");
    }
    pending.multipartUploadId().ifPresent(uploadId -> storage.abortMultipart(pending.details().objectKey(), uploadId));
    storage.delete(pending.details().objectKey());
    repository.delete(id);
  }

  @Override
  public CompletedRecording complete(CompleteUploadCommand command) {
    command.duration().ifPresent(retention::checkDuration);
    Instant now = clock.instant();
    Recording recording = access.owned(command.caller(), command.id(), now);
    if (recording instanceof CompletedRecording done) {
      return done.replacementUploadId().isPresent() && command.parts().isPresent()
          ? completeReplacement(done, command.parts().get(), command, now) : done;
    }
    if (recording instanceof PendingRecording pending) {
      return completePending(pending, command, now);
    }
    throw new ConflictException("the upload window of recording " + command.id() + " closed; request a new upload");
  }

  private CompletedRecording completePending(PendingRecording pending, CompleteUploadCommand command, Instant now) {
    ObjectKey key = pending.details().objectKey();
    if (pending.isMultipart()) {
      List<CompletedPart> parts = command.parts().orElseThrow(() ->
          new InvalidInputException("parts", "are required to complete a multipart upload"));
      // A completion whose join succeeded but whose answer or row update was lost leaves the
      // joined object and no upload behind; the retry verifies that object instead of failing.
      if (storage.head(key).isEmpty()) {
        joinParts(key, pending.multipartUploadId().orElseThrow(), parts);
      }
    } else if (command.parts().isPresent()) {
      throw new InvalidInputException("parts", "only a multipart upload has parts; this recording was a single PUT");
    }
    StoredObject stored = storage.head(key).orElseThrow(() -> new ConflictException(
        "nothing has been uploaded for recording " + pending.id() + " yet; PUT the file to the upload URL first"));
    OptionalLong bound = pending.details().declaredSize().isPresent() ? pending.details().declaredSize()
        : pending.isMultipart() ? OptionalLong.empty() : OptionalLong.of(sizes.maxSinglePutBytes());
    if (bound.isPresent() && stored.size() > bound.getAsLong()) {
      storage.delete(key);
      throw new ConflictException("the uploaded object has " + stored.size() + " bytes, more than the allowed "
          + bound.getAsLong() + "; it was deleted, upload the file again");
    }
    CompletedRecording completed = pending.complete(stored.size(), stored.sha256(), now, command.duration())
        .withProcessing(processing.atCompletion(now));
    changes.replace(completed, RecordingStatus.PENDING, EventType.RECORDING_COMPLETED, now);
    allowance.settle(completed);
    try {
      processing.enqueue(completed, now);
    } catch (StorageUnavailableException queueDown) {
      // The upload is verified and stays so; the recording is left queued and the sweep queues it again.
    }
    return completed;
  }

  /**
   * The returning client's completion of a partial recording: the joined parts (copies of what the
   * server had, and the rest from the client) replace the object, the recording holds the whole
   * call and is processed again from the start, and {@code recording.completed} says it replaces
   * the partial one. Not while the partial file is being processed, whose seekable copy would
   * otherwise overwrite the whole call.
   */
  private CompletedRecording completeReplacement(CompletedRecording partial, List<CompletedPart> parts,
      CompleteUploadCommand command, Instant now) {
    if (partial.processing().state().isPending()) {
      throw new ConflictException("recording " + partial.id() + " is being processed as it was salvaged; complete "
          + "it again once its processing is " + "ready or failed (GET /recordings/" + partial.id() + ")");
    }
    ObjectKey key = partial.details().objectKey();
    String uploadId = partial.replacementUploadId().orElseThrow();
    try {
      joinParts(key, uploadId, parts, true);
    } catch (ConflictException gone) {
      throw new ConflictException("the replacement upload of recording " + partial.id() + " is gone; the recording "
          + "stays partial");
    }
    StoredObject stored = storage.head(key).orElseThrow(() -> new ConflictException(
        "recording " + partial.id() + " was deleted while its replacement completed"));
    CompletedRecording whole = partial.replacedByWholeCall(stored.size(), stored.sha256(), now, command.duration(),
        processing.atCompletion(now));
    changes.replaceWholeCall(whole, now);
    allowance.settle(whole);
    try {
      processing.enqueue(whole, now);
    } catch (StorageUnavailableException queueDown) {
      // Left queued: the sweep queues it again.
    }
    return whole;
  }

  private void joinParts(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    joinParts(key, uploadId, parts, false);
  }

  private void joinParts(ObjectKey key, String uploadId, List<CompletedPart> parts, boolean replacing) {
    Map<Integer, StoredPart> stored = storage.listParts(key, uploadId).stream()
        .collect(Collectors.toMap(StoredPart::partNumber, Function.identity(), (a, b) -> b));
    List<StoredPart> chosen = new ArrayList<>();
    for (CompletedPart part : parts) {
      StoredPart match = stored.get(part.partNumber());
      if (match == null) {
        throw new InvalidInputException("parts", "part " + part.partNumber() + " was never uploaded");
      }
      if (!ETag.parse(match.etag(), "parts").equals(ETag.parse(part.etag(), "parts"))) {
        throw new InvalidInputException("parts", "the etag of part " + part.partNumber()
            + " does not match the stored part; upload it again or send its current etag");
      }
      chosen.add(match);
    }
    SizePolicy.checkPartSizes(chosen);
    limits.checkRecordingSize("parts", chosen.stream().mapToLong(StoredPart::size).sum());
    if (replacing) {
      storage.completeReplacing(key, uploadId, parts);
    } else {
      storage.completeMultipart(key, uploadId, parts);
    }
  }

  private RecordingDetails newDetails(UserId owner, RoomId room, Optional<String> filename, ContentType type,
      OptionalLong size, Set<UserId> participants, AudioLayout audioLayout, Instant now) {
    RecordingId id = ids.next();
    ObjectKey key = ObjectKey.forRecording(room, now, id, type);
    String fallback = "recording-" + room + "-" + ObjectKey.stamp(now) + "." + type.extension();
    Set<UserId> others = participants.stream().filter(p -> !p.equals(owner)).collect(Collectors.toUnmodifiableSet());
    return new RecordingDetails(id, room, owner, others, key, Filename.sanitize(filename.orElse(null), fallback), type,
        size, now, retention.expiresAt(now), audioLayout);
  }

  private void abortQuietly(ObjectKey key, String uploadId, RuntimeException cause) {
    try {
      storage.abortMultipart(key, uploadId);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}

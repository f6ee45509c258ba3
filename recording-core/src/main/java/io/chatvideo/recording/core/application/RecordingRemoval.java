package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.AbandonedRecording;
import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.DeleteRecordingUseCase;
import io.chatvideo.recording.core.port.in.SweepUseCase;
import io.chatvideo.recording.core.port.out.ListedObject;
import io.chatvideo.recording.core.port.out.ObjectListing;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.StoredObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deletion by the owner, and the sweep of what expired or was abandoned. An upload whose window
 * closed with bytes stored is not abandoned but salvaged: completed with what it has, as a
 * partial recording ({@link PendingRecording#salvage}).
 */
final class RecordingRemoval implements DeleteRecordingUseCase, SweepUseCase {

  private static final System.Logger LOG = System.getLogger(RecordingRemoval.class.getName());

  static final int SWEEP_BATCH = 100;

  /** Objects asked for per listing call: S3 answers at most 1,000 keys per ListObjectsV2. */
  static final int LISTING_BATCH = 1000;

  private final RecordingRepository repository;
  private final ObjectStorage storage;
  private final Clock clock;
  private final Duration abandonedUploadGrace;
  private final Duration orphanGrace;
  private final UploadLimits limits;
  private final RecordingAccess access;
  private final ProcessingService processing;
  private final RecordingChanges changes;

  RecordingRemoval(RecordingRepository repository, ObjectStorage storage, Clock clock, Duration abandonedUploadGrace,
      Duration orphanGrace, UploadLimits limits, ProcessingService processing, RecordingChanges changes) {
    this.limits = limits;
    this.changes = changes;
    this.processing = processing;
    this.repository = repository;
    this.storage = storage;
    this.clock = clock;
    this.abandonedUploadGrace = abandonedUploadGrace;
    this.orphanGrace = orphanGrace;
    this.access = new RecordingAccess(repository);
  }

  @Override
  public void delete(UserId caller, RecordingId id) {
    Instant now = clock.instant();
    remove(access.owned(caller, id, now), Optional.of(EventType.RECORDING_DELETED), now);
  }

  @Override
  public SweepReport sweep() {
    Instant now = clock.instant();
    int expired = drain(limit -> repository.findExpired(now, limit), recording -> {
      // Only a completed recording was ever announced; an upload that never finished goes quietly.
      remove(recording, recording instanceof CompletedRecording ? Optional.of(EventType.RECORDING_EXPIRED)
          : Optional.empty(), now);
      return true;
    });
    int[] salvaged = {0};
    int abandoned = drain(limit -> repository.findUnfinishedUploads(now.minus(abandonedUploadGrace), limit),
        recording -> {
          Salvage outcome = recording instanceof PendingRecording pending ? salvage(pending, now) : Salvage.NOTHING;
          if (outcome == Salvage.DONE) {
            salvaged[0]++;
          }
          return outcome == Salvage.NOTHING && abandon(recording, now);
        });
    int orphans = removeOrphans(now.minus(orphanGrace));
    return new SweepReport(expired, abandoned, orphans, processing.requeueStalled(now), changes.relay(now),
        salvaged[0]);
  }

  /**
   * Deletes the objects written before {@code writtenBefore} that no recording points to. A key
   * that does not follow the server's layout was not written through the API and is left alone.
   */
  private int removeOrphans(Instant writtenBefore) {
    int removed = 0;
    Optional<String> cursor = Optional.empty();
    do {
      ObjectListing page = storage.listObjects(ObjectKey.PREFIX, cursor, LISTING_BATCH);
      for (ListedObject listed : page.objects()) {
        if (!listed.lastModified().isBefore(writtenBefore)) {
          continue;
        }
        Optional<ObjectKey> key = ObjectKey.ifValid(listed.key());
        if (key.isPresent() && !pointedTo(key.get())) {
          storage.delete(key.get());
          removed++;
        }
      }
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    return removed;
  }

  /** What processing writes (or is writing) next to a completed recording belongs to it. */
  private boolean pointedTo(ObjectKey key) {
    return repository.find(key.recordingId()).map(r -> r.details().objectKey().equals(key)
        || r instanceof CompletedRecording && derivedKeys(r.details().objectKey()).contains(key)).orElse(false);
  }

  /** What {@link #salvage} did with an upload. */
  private enum Salvage {
    /** Completed with the bytes stored (or completed meanwhile by its client). */
    DONE,
    /** Bytes are stored, but its client may still sign parts and finish the call: a later sweep looks again. */
    LATER,
    /** Nothing playable is stored: the upload is abandoned. */
    NOTHING
  }

  /**
   * Completes an upload whose client never came back with the bytes stored, once its window closed
   * for good ({@link UploadLimits#uploadWindowEnd}: a returning client could not have added more):
   * for a multipart upload, the parts from part 1 on as far as they join (no gap, each but the
   * last at least the smallest part size); for a single PUT, the object, if it arrived. Nothing
   * playable stored means no byte, or no part 1, which holds the file's header. The recording
   * completes and is announced like any other, and processing cuts the file at its last whole
   * frame.
   */
  private Salvage salvage(PendingRecording pending, Instant now) {
    ObjectKey key = pending.details().objectKey();
    boolean windowOpen = now.isBefore(limits.uploadWindowEnd(pending.details().createdAt()));
    List<StoredPart> joined = List.of();
    if (pending.isMultipart() && storage.head(key).isEmpty()) {
      joined = joinable(key, pending.multipartUploadId().orElseThrow());
      if (joined.isEmpty()) {
        return Salvage.NOTHING;
      }
      if (windowOpen) {
        return Salvage.LATER;
      }
      storage.completeMultipart(key, pending.multipartUploadId().orElseThrow(),
          joined.stream().map(part -> new CompletedPart(part.partNumber(), part.etag())).toList());
    }
    Optional<StoredObject> stored = storage.head(key);
    if (stored.isEmpty()) {
      return Salvage.NOTHING;
    }
    if (windowOpen) {
      return Salvage.LATER;
    }
    CompletedRecording salvaged;
    try {
      salvaged = pending.salvage(stored.get().size(), stored.get().sha256(), now)
          .withProcessing(processing.atCompletion(now));
    } catch (ConflictException notAcceptable) {
      // More bytes than the upload declared: not what the client meant to send.
      return Salvage.NOTHING;
    }
    Optional<String> replacement = startReplacement(pending, joined, stored.get());
    if (replacement.isPresent()) {
      salvaged = salvaged.withReplacementUpload(replacement.get());
    }
    try {
      changes.replace(salvaged, RecordingStatus.PENDING, EventType.RECORDING_COMPLETED, now);
    } catch (ConflictException completedMeanwhile) {
      replacement.ifPresent(uploadId -> storage.abortMultipart(key, uploadId));
      return Salvage.DONE;
    }
    try {
      processing.enqueue(salvaged, now);
    } catch (StorageUnavailableException queueDown) {
      // Left queued: the sweep queues it again (ProcessingService.requeueStalled).
    }
    return Salvage.DONE;
  }

  /**
   * The upload a returning client completes to replace the partial recording with the whole call:
   * a new multipart upload holding, under their own numbers, copies of the parts just joined (made
   * inside the store, before processing rewrites the object), so the client sends only the parts
   * the server never had. Made now because the parts' bounds are known only now. Empty for a
   * single PUT (its client sends the whole file again) or when the store refused the copies: the
   * recording is then salvaged without one, as before.
   */
  private Optional<String> startReplacement(PendingRecording pending, List<StoredPart> joined, StoredObject object) {
    long total = joined.stream().mapToLong(StoredPart::size).sum();
    if (joined.isEmpty() || total != object.size()) {
      return Optional.empty();
    }
    ObjectKey key = pending.details().objectKey();
    String uploadId;
    try {
      uploadId = storage.startMultipart(key, pending.details().contentType());
    } catch (StorageUnavailableException e) {
      LOG.log(System.Logger.Level.WARNING, "recording " + pending.id() + " is salvaged without a replacement upload", e);
      return Optional.empty();
    }
    try {
      long offset = 0;
      for (StoredPart part : joined) {
        storage.copyPart(key, uploadId, part.partNumber(), key, offset, part.size());
        offset += part.size();
      }
      return Optional.of(uploadId);
    } catch (ConflictException | StorageUnavailableException e) {
      LOG.log(System.Logger.Level.WARNING, "recording " + pending.id() + " is salvaged without a replacement upload", e);
      storage.abortMultipart(key, uploadId);
      return Optional.empty();
    }
  }

  /** The stored parts that join into the start of the file; empty without part 1. */
  private List<StoredPart> joinable(ObjectKey key, String uploadId) {
    List<StoredPart> stored;
    try {
      stored = storage.listParts(key, uploadId);
    } catch (ConflictException uploadGone) {
      return List.of();
    }
    List<StoredPart> joinable = new ArrayList<>();
    for (StoredPart part : stored) {
      boolean follows = part.partNumber() == joinable.size() + 1;
      boolean previousWhole = joinable.isEmpty() || stored.get(joinable.size() - 1).size() >= SizePolicy.MIN_PART_BYTES;
      if (!follows || !previousWhole || part.size() < 1) {
        break;
      }
      joinable.add(part);
    }
    return joinable;
  }

  /** Marks a pending upload abandoned first, so a completion racing the sweep wins or loses cleanly. */
  private boolean abandon(Recording recording, Instant now) {
    if (recording instanceof PendingRecording pending) {
      AbandonedRecording abandoned = pending.abandon(now);
      try {
        repository.replace(abandoned, RecordingStatus.PENDING);
      } catch (ConflictException completedMeanwhile) {
        return false;
      }
      remove(abandoned, Optional.empty(), now);
      return true;
    }
    if (recording instanceof AbandonedRecording) {
      remove(recording, Optional.empty(), now);
      return true;
    }
    return false;
  }

  /**
   * Objects first, metadata last: an interrupted removal leaves metadata that the next sweep
   * finds. What processing makes is deleted whether or not the metadata knows of it yet, so a job
   * that stored a rendition just before the deletion leaves nothing behind. The event (none for
   * an abandoned upload, which nobody was told of) is written with the metadata's deletion.
   */
  private void remove(Recording recording, Optional<EventType> event, Instant now) {
    ObjectKey key = recording.details().objectKey();
    multipartUploadId(recording).ifPresent(uploadId -> storage.abortMultipart(key, uploadId));
    storage.delete(key);
    if (recording instanceof CompletedRecording) {
      derivedKeys(key).forEach(storage::delete);
    }
    if (event.isPresent()) {
      changes.delete(recording, event.get(), now);
    } else {
      repository.delete(recording.id());
    }
  }

  private static List<ObjectKey> derivedKeys(ObjectKey key) {
    return List.of(key.mp4Rendition(), key.thumbnail(), key.storyboard(), key.storyboardTrack());
  }

  private static Optional<String> multipartUploadId(Recording recording) {
    if (recording instanceof PendingRecording pending) {
      return pending.multipartUploadId();
    }
    if (recording instanceof AbandonedRecording abandoned) {
      return abandoned.multipartUploadId();
    }
    if (recording instanceof CompletedRecording completed) {
      return completed.replacementUploadId();
    }
    return Optional.empty();
  }

  /** Takes batches until one brings nothing new, so a recording that cannot be removed stops the loop. */
  private static int drain(Batch batch, Removal removal) {
    Set<RecordingId> seen = new HashSet<>();
    int removed = 0;
    while (true) {
      List<Recording> found = batch.next(SWEEP_BATCH);
      boolean progress = false;
      for (Recording recording : found) {
        if (seen.add(recording.id())) {
          progress = true;
          if (removal.remove(recording)) {
            removed++;
          }
        }
      }
      if (!progress) {
        return removed;
      }
    }
  }

  @FunctionalInterface
  private interface Batch {
    List<Recording> next(int limit);
  }

  @FunctionalInterface
  private interface Removal {
    boolean remove(Recording recording);
  }
}

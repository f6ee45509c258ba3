package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.AbandonedRecording;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ListingOrder;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.UploadUsage;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** A repository in a map, for unit tests of the core. It can also hand back expired rows on purpose. */
public final class InMemoryRecordingRepository implements RecordingRepository {

  private final Map<RecordingId, Recording> rows = new LinkedHashMap<>();
  private boolean ignoreExpiry;

  /** Makes listings return expired rows too, like a store whose TTL deletion lags. */
  public synchronized void returnExpiredRows() {
    this.ignoreExpiry = true;
  }

  @Override
  public synchronized void insert(PendingRecording recording) {
    if (rows.putIfAbsent(recording.id(), recording) != null) {
      throw new ConflictException("recording " + recording.id() + " exists");
    }
  }

  @Override
  public synchronized Optional<Recording> find(RecordingId id) {
    return Optional.ofNullable(rows.get(id));
  }

  @Override
  public synchronized void replace(Recording recording, RecordingStatus expected) {
    Recording current = rows.get(recording.id());
    if (current == null || current.status() != expected) {
      throw new ConflictException("recording " + recording.id() + " is no longer " + expected);
    }
    rows.put(recording.id(), recording);
  }

  @Override
  public synchronized void delete(RecordingId id) {
    rows.remove(id);
  }

  @Override
  public synchronized Page list(RecordingFilter filter, UserId viewer, Instant now, int limit, Optional<String> cursor) {
    Predicate<Recording> visible = filter.room().isPresent()
        ? r -> r.details().isVisibleTo(viewer) : r -> r.details().isOwnedBy(viewer);
    Comparator<Position> order = filter.order() == ListingOrder.NEWEST
        ? Position.NEWEST_FIRST : Position.NEWEST_FIRST.reversed();
    return page(r -> visible.test(r) && filter.matches(r) && live(r, now), order, limit, cursor);
  }

  @Override
  public synchronized UploadUsage uploadUsage(UserId owner, Instant since, Instant now) {
    int open = 0;
    long bytes = 0;
    Optional<Instant> earliestWindowEnd = Optional.empty();
    Optional<Instant> oldest = Optional.empty();
    for (Recording r : rows.values()) {
      Instant created = r.details().createdAt();
      if (!r.details().isOwnedBy(owner) || !live(r, now) || created.isBefore(since)) {
        continue;
      }
      oldest = Optional.of(oldest.filter(o -> o.isBefore(created)).orElse(created));
      if (r instanceof PendingRecording p && p.uploadExpiresAt().isAfter(now)) {
        open++;
        bytes += p.details().declaredSize().orElse(0);
        earliestWindowEnd = Optional.of(earliestWindowEnd.filter(e -> e.isBefore(p.uploadExpiresAt()))
            .orElse(p.uploadExpiresAt()));
      } else if (r instanceof CompletedRecording c) {
        bytes += c.storedSize();
      }
    }
    return new UploadUsage(open, earliestWindowEnd, bytes, oldest);
  }

  @Override
  public synchronized Page listAll(int limit, Optional<String> cursor) {
    return page(r -> true, limit, cursor);
  }

  @Override
  public synchronized List<Recording> findExpired(Instant now, int limit) {
    return rows.values().stream().filter(r -> r.details().isExpired(now)).limit(limit).toList();
  }

  @Override
  public synchronized List<Recording> findUnfinishedUploads(Instant uploadWindowClosedBefore, int limit) {
    return rows.values().stream()
        .filter(r -> r instanceof AbandonedRecording
            || (r instanceof PendingRecording p && p.uploadExpiresAt().isBefore(uploadWindowClosedBefore)))
        .limit(limit).toList();
  }

  @Override
  public synchronized List<CompletedRecording> findStalledProcessing(Instant since, int limit) {
    return rows.values().stream()
        .filter(r -> r instanceof CompletedRecording c && c.processing().state().isPending()
            && c.processing().since().isBefore(since))
        .map(CompletedRecording.class::cast)
        .limit(limit).toList();
  }

  private boolean live(Recording recording, Instant now) {
    return ignoreExpiry || !recording.details().isExpired(now);
  }

  private Page page(Predicate<Recording> filter, int limit, Optional<String> cursor) {
    return page(filter, Position.NEWEST_FIRST, limit, cursor);
  }

  private Page page(Predicate<Recording> filter, Comparator<Position> order, int limit, Optional<String> cursor) {
    Optional<Position> after = cursor.map(Position::parse);
    List<Recording> matching = rows.values().stream()
        .filter(filter)
        .sorted(Comparator.comparing(Position::of, order))
        .filter(r -> after.isEmpty() || order.compare(Position.of(r), after.get()) > 0)
        .limit(limit + 1L)
        .toList();
    if (matching.size() <= limit) {
      return new Page(matching, Optional.empty());
    }
    return new Page(matching.subList(0, limit), Optional.of(Position.of(matching.get(limit - 1)).format()));
  }

  /** Where a listing stands: newest first, ties broken by id. */
  private record Position(Instant createdAt, UUID id) {

    static final Comparator<Position> NEWEST_FIRST =
        Comparator.comparing(Position::createdAt).thenComparing(Position::id).reversed();

    static Position of(Recording recording) {
      return new Position(recording.details().createdAt(), recording.id().value());
    }

    static Position parse(String cursor) {
      try {
        String[] parts = cursor.split("\\|", 2);
        return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
      } catch (RuntimeException e) {
        throw new InvalidInputException("next_token", "is not a cursor of this listing");
      }
    }

    String format() {
      return createdAt + "|" + id;
    }
  }
}

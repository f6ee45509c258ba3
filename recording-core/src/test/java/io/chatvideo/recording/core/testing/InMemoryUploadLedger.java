package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.UploadLedger;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** An {@link UploadLedger} in this process's memory, one lock around everything. */
public final class InMemoryUploadLedger implements UploadLedger {

  private record Day(UserId owner, LocalDate day) {}

  private final Map<Day, Long> days = new HashMap<>();
  private final Map<RecordingId, Map<Integer, Long>> signed = new HashMap<>();
  private final Set<RecordingId> settled = new HashSet<>();

  @Override
  public synchronized Outcome reserve(Signed request, long maxRecordingBytes, long maxBytesPerDay) {
    Map<Integer, Long> before = signed.getOrDefault(request.recording(), Map.of());
    Map<Integer, Long> after = new HashMap<>(before);
    request.lengths().forEach((slot, length) -> after.merge(slot, length, Math::max));
    long was = sum(before);
    long would = sum(after);
    if (would > maxRecordingBytes) {
      return new Outcome.RecordingFull(would);
    }
    Day day = new Day(request.owner(), request.day());
    long dayBytes = days.getOrDefault(day, 0L);
    if (would > was && dayBytes + (would - was) > maxBytesPerDay) {
      return new Outcome.DayFull(dayBytes, would - was);
    }
    signed.put(request.recording(), after);
    days.put(day, dayBytes + (would - was));
    return new Outcome.Counted(would);
  }

  @Override
  public synchronized long bytesOn(UserId owner, LocalDate day) {
    return days.getOrDefault(new Day(owner, day), 0L);
  }

  @Override
  public synchronized void settle(UserId owner, LocalDate day, RecordingId recording, long storedBytes) {
    if (!settled.add(recording)) {
      return;
    }
    long was = sum(signed.getOrDefault(recording, Map.of()));
    signed.remove(recording);
    days.merge(new Day(owner, day), storedBytes - was, Long::sum);
  }

  private static long sum(Map<Integer, Long> lengths) {
    return lengths.values().stream().mapToLong(Long::longValue).sum();
  }
}

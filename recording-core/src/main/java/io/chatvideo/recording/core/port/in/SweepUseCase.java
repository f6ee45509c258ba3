package io.chatvideo.recording.core.port.in;

/**
 * Completes the uploads whose window closed with bytes stored, as partial recordings (see {@link
 * io.chatvideo.recording.core.domain.PartialReason#CLIENT_GONE}), and removes expired recordings
 * and the uploads that can no longer finish with nothing playable stored, object first and metadata
 * second, so a sweep cut short leaves nothing that a later sweep cannot find; then the objects
 * under {@code recordings/} that no recording points to (written after their recording was
 * deleted, or left by a removal cut short), once they are older than a grace period. With
 * processing on, it also queues again the jobs of recordings left {@code queued} (the process
 * died between the completion and the queue) and fails those whose every attempt died. With
 * events on, it queues again the publish jobs an outbox may have lost ({@code EventOutbox.relay}).
 */
public interface SweepUseCase {

  SweepReport sweep();

  /**
   * @param orphansRemoved objects deleted because no recording points to them
   * @param processingRequeued recordings whose lost processing job was queued again
   * @param eventsRelayed events whose publish job may have been lost, queued again
   * @param salvaged uploads whose client never completed them, completed with the bytes stored
   */
  record SweepReport(int expiredRemoved, int abandonedRemoved, int orphansRemoved, int processingRequeued,
      int eventsRelayed, int salvaged) {

    public SweepReport(int expiredRemoved, int abandonedRemoved, int orphansRemoved, int processingRequeued,
        int eventsRelayed) {
      this(expiredRemoved, abandonedRemoved, orphansRemoved, processingRequeued, eventsRelayed, 0);
    }

    public SweepReport(int expiredRemoved, int abandonedRemoved, int orphansRemoved) {
      this(expiredRemoved, abandonedRemoved, orphansRemoved, 0, 0);
    }
  }
}

package io.chatvideo.recording.core.port.in;

/**
 * Removes expired recordings and uploads that can no longer finish, object first and metadata
 * second, so a sweep cut short leaves nothing that a later sweep cannot find; then the objects
 * under {@code recordings/} that no recording points to (written after their recording was
 * deleted, or left by a removal cut short), once they are older than a grace period.
 */
public interface SweepUseCase {

  SweepReport sweep();

  /**
   * @param orphansRemoved objects deleted because no recording points to them
   */
  record SweepReport(int expiredRemoved, int abandonedRemoved, int orphansRemoved) {}
}

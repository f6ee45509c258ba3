package io.chatvideo.recording.core.port.in;

/**
 * Removes expired recordings and uploads that can no longer finish, object first and metadata
 * second, so a sweep cut short leaves nothing that a later sweep cannot find.
 */
public interface SweepUseCase {

  SweepReport sweep();

  record SweepReport(int expiredRemoved, int abandonedRemoved) {}
}

package io.chatvideo.recording.core.domain;

/** The stored name of each {@link Recording} state. */
public enum RecordingStatus {
  PENDING,
  COMPLETED,
  ABANDONED
}

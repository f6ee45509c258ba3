package io.chatvideo.recording.core.domain;

/** What a job does with its subject. */
public enum JobKind {
  /** Probe, remux, transcode and take a poster of the completed recording whose id is the subject. */
  PROCESS_RECORDING
}

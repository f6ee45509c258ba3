package io.chatvideo.recording.aws;

/** What one step of the bootstrap did to its resource. */
public enum BootstrapOutcome {
  /** It did not exist and was made. */
  CREATED,
  /** It existed and was brought to the wanted state (an index added, TTL enabled, rules set). */
  CHANGED,
  /** It was already as wanted. */
  UNCHANGED,
  /** Part of the work waits for DynamoDB (an index is building): run the bootstrap again later. */
  PENDING,
  /** Left alone: the endpoint does not implement it, nothing was asked of it, or it is set another way. */
  SKIPPED
}

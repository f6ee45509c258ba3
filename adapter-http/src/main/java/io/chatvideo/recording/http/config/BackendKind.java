package io.chatvideo.recording.http.config;

/** Where recordings live: {@code local} disk + SQLite (the embedded default) or {@code aws} S3 + DynamoDB. */
public enum BackendKind {
  LOCAL,
  AWS;

  /** The setting that picks one. */
  public static final String PROPERTY = "recording.backend";

  /** The value without a setting. */
  public static final String DEFAULT = "local";

  /**
   * What {@code @Requires} matches for beans of the local backend only: the setting binds to this
   * enum whatever its case, so the condition must not be stricter.
   */
  public static final String LOCAL_PATTERN = "(?i)local";
}

package io.chatvideo.recording.http.config;

/** Where recordings live: {@code local} disk + SQLite (the embedded default) or {@code aws} S3 + DynamoDB. */
public enum BackendKind {
  LOCAL,
  AWS
}

package io.chatvideo.recording.api;

/** Bounds and messages of the constraints on the request records, one spelling for all of them. */
final class Limits {

  /** No list in a request body is longer: more is a mistake or an attack, never a recording. */
  static final int MAX_LIST = 10_000;

  static final String REQUIRED = "is required";
  static final String TOO_LONG = "has more than 10000 items";

  private Limits() {}
}

/** No MIME type in the candidate list is supported by this browser's MediaRecorder. */
export class UnsupportedRecordingTypeError extends Error {
  override readonly name = 'UnsupportedRecordingTypeError';

  constructor(readonly candidates: readonly string[]) {
    super(`MediaRecorder supports none of: ${candidates.join(', ')}`);
  }
}

/** A recorder operation was called in a state that does not allow it (e.g. `stop()` while idle). */
export class IllegalRecorderTransitionError extends Error {
  override readonly name = 'IllegalRecorderTransitionError';

  constructor(
    readonly from: string,
    readonly event: string,
  ) {
    super(`Cannot ${event} a recorder that is ${from}`);
  }
}

/** A stream handed to the recorder lacks what it needs (e.g. the local stream has no video track). */
export class InvalidStreamError extends Error {
  override readonly name = 'InvalidStreamError';
}

/** MediaRecorder reported an error while recording. */
export class RecordingFailedError extends Error {
  override readonly name = 'RecordingFailedError';
}

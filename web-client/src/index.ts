/**
 * call-recordings web client: record a 1:1 WebRTC call (both parties, one file), upload it
 * through presigned URLs, and show it with framework-agnostic custom elements.
 */
export { CallRecorder, type CallRecorderOptions, type CallRecorderEventMap, type RecordedFile, type SourceChange } from './recording/call-recorder';
export { MemoryChunkSink, type ChunkSink } from './recording/chunk-sink';
export { formatDuration } from './recording/duration';
export { recordingFilename } from './recording/filename';
export { holdEntry, isEntryFree } from './journal/entry-lock';
export { DEFAULT_JOURNAL_DATABASE, IndexedDbJournal } from './journal/indexeddb-journal';
export type { Journal, JournalChunk, JournalEntry, JournalUpload } from './journal/journal';
export { discardRecording, findRecoverable, type RecoverableRecording } from './journal/recovery';
export { IllegalRecorderTransitionError, InvalidStreamError, RecordingFailedError, UnsupportedRecordingTypeError } from './recording/errors';
export { workerFrameClock, type FrameClock } from './recording/frame-clock';
export { layoutTiles, QUALITY_SIZES, type Layout, type Quality, type Rect, type Size } from './recording/layout';
export { fileExtension, pickMimeType, PREFERRED_MIME_TYPES } from './recording/mime-type';
export { elapsedMs, nextRecorderState, type RecorderEvent, type RecorderState } from './recording/recorder-state';
export type { RecorderWarning } from './recording/recorder-warning';
export { parseRecordingStatus, RECORDING_STATUS_TYPE, type RecordingStatus } from './recording/recording-status';
export { RecordingLog, type LogOutput } from './recording-log';
export type {
  CompletedPart,
  CompleteRequest,
  DevToken,
  MultipartRequest,
  MultipartTicket,
  PartUpload,
  ProblemDetails,
  RecordingPage,
  RecordingView,
  StoredPart,
  UploadTicket,
  UploadUrlRequest,
} from './upload/api-types';
export { ExpiredUrlError, HttpError, InvalidRoomIdError, NetworkError, UnexpectedResponseError, UploadFailedError, type UploadStep } from './upload/errors';
export { saveRecordingLocally } from './upload/local-fallback';
export { planParts, type ChunkSize, type PlannedPart } from './upload/part-plan';
export { DEFAULT_PART_SIZE, ProgressiveUpload, type ProgressiveUploadOptions } from './upload/progressive-upload';
export { xhrPut, type PutResult, type PutTransport } from './upload/put-transport';
export { checkRoomId, MAX_PARTS_PER_REQUEST, RecordingsApi, type RecordingsApiOptions } from './upload/recordings-api';
export { RecordingUploader, type RecordingUploaderOptions, type UploadableFile, type UploadTarget } from './upload/recording-uploader';
export { DEFAULT_RETRY_POLICY, isRetryable, PART_RETRY_POLICY, withRetry, type RetryPolicy } from './upload/retry-policy';
export { isWebm, withWebmDuration } from './upload/webm-duration';
export { defineRecordingElements } from './ui/define-elements';
export { formatBytes, formatExpiry } from './ui/format';
export { RecordButtonElement } from './ui/record-button';
export { recordButtonView, type RecordButtonState, type RecordButtonView } from './ui/record-button-view';
export { RecordingsListElement } from './ui/recordings-list';
export { RecoveryListElement, type RecoveryEventDetail } from './ui/recovery-list';
export { warnWhileUnsent } from './ui/unsent-warning';
export { RoomInfoPanelElement } from './ui/room-info-panel';
export { UploadStatusElement } from './ui/upload-status';

/**
 * call-recordings web client: record a 1:1 WebRTC call (both parties, one file) into a journal
 * and upload it as it goes. What an app uses, and nothing that touches the DOM on import (safe
 * for server-side rendering); the custom elements are in `@call-recordings/web-client/elements`.
 */
export { CallRecording, startCallRecording, type CallRecordingEventMap, type CallRecordingOptions, type CallRecordingWarning } from './call-recording';

// Recorder
export type { AudioLayout } from './recording/audio-mixer';
export { CallRecorder, type CallRecorderEventMap, type CallRecorderOptions, type RecordedFile, type SourceChange } from './recording/call-recorder';
export { MemoryChunkSink, type ChunkSink } from './recording/chunk-sink';
export { formatDuration } from './recording/duration';
export type { FrameClock } from './recording/frame-clock';
export { QUALITY_SIZES, type Layout, type Quality, type Size } from './recording/layout';
export { PREFERRED_MIME_TYPES } from './recording/mime-type';
export type { RecorderState } from './recording/recorder-state';
export type { Party, RecordedAudio, RecorderWarning } from './recording/recorder-warning';
export { parseRecordingStatus, RECORDING_STATUS_TYPE, type RecordingStatus } from './recording/recording-status';
export { RecordingLog, type LogOutput } from './recording-log';

// Journal and recovery
export { DEFAULT_JOURNAL_DATABASE, IndexedDbJournal, type IndexedDbJournalOptions } from './journal/indexeddb-journal';
export type { ChunkInfo, Journal, JournalChunk, JournalEntry, JournalUpload, SeqRange } from './journal/journal';
export { MemoryJournal } from './journal/memory-journal';
export { discardRecording, findRecoverable, type RecoverableRecording } from './journal/recovery';
export { checkStorage, hasRoomFor, HOUR_OF_720P_BYTES, type StorageCheck } from './journal/storage-check';
export { uploadPending, type PendingUploadsResult } from './upload/pending-uploads';
export { BACKGROUND_RETRY_MS, retryInBackground } from './upload/background-retry';
export { warnWhileUnsent } from './ui/unsent-warning';

// Upload and API client
export { DEFAULT_PART_SIZE, ProgressiveUpload, type ProgressiveUploadEventMap, type ProgressiveUploadOptions } from './upload/progressive-upload';
export { RecordingUploader, type RecordingUploaderOptions, type UploadableFile, type UploadTarget } from './upload/recording-uploader';
export { saveRecordingLocally } from './upload/local-fallback';
export { checkRoomId, DEFAULT_API_TIMEOUT_MS, RecordingsApi, type RecordingsApiOptions, type TokenProvider } from './upload/recordings-api';
export { createXhrPut, DEFAULT_STALL_TIMEOUT_MS, xhrPut, type PutResult, type PutTransport } from './upload/put-transport';
export { browserNetworkStatus, type NetworkStatus } from './upload/network-status';
export { DEFAULT_RETRY_POLICY, PART_RETRY_POLICY, type RetryPolicy } from './upload/retry-policy';
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

// Errors
export { IllegalRecorderTransitionError, InvalidStreamError, RecordingFailedError, UnsupportedRecordingTypeError } from './recording/errors';
export { StorageFailedError } from './journal/errors';
export {
  ExpiredUrlError,
  HttpError,
  InvalidMimeTypeError,
  InvalidRoomIdError,
  NetworkError,
  TimeoutError,
  UnexpectedResponseError,
  UploadExpiredError,
  UploadFailedError,
  type UploadStep,
} from './upload/errors';

/**
 * `@call-recordings/web-client/elements`: the framework-agnostic custom elements. Importing this
 * defines nothing either; call `defineRecordingElements()` in the browser.
 */
export { defineRecordingElements } from './ui/define-elements';
export { formatBytes, formatExpiry } from './ui/format';
export { RecordButtonElement } from './ui/record-button';
export { recordButtonView, type RecordButtonState, type RecordButtonView } from './ui/record-button-view';
export { playableSource } from './ui/library-view';
export { RecordingLibraryElement, type LibraryEventDetail } from './ui/recording-library';
export { RecordingsListElement } from './ui/recordings-list';
export { RecoveryListElement, type RecoveryEventDetail } from './ui/recovery-list';
export { RoomInfoPanelElement } from './ui/room-info-panel';
export { UploadStatusElement } from './ui/upload-status';

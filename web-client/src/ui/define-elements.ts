import { RecordButtonElement } from './record-button';
import { RecordingLibraryElement } from './recording-library';
import { RecordingsListElement } from './recordings-list';
import { RecoveryListElement } from './recovery-list';
import { RoomInfoPanelElement } from './room-info-panel';
import { UploadStatusElement } from './upload-status';

/** Registers `<record-button>`, `<room-info-panel>`, `<upload-status>`, `<recordings-list>`, `<recording-library>` and `<recovery-list>` (once). */
export function defineRecordingElements(registry: CustomElementRegistry = customElements): void {
  const elements: [string, CustomElementConstructor][] = [
    ['record-button', RecordButtonElement],
    ['room-info-panel', RoomInfoPanelElement],
    ['upload-status', UploadStatusElement],
    ['recordings-list', RecordingsListElement],
    ['recording-library', RecordingLibraryElement],
    ['recovery-list', RecoveryListElement],
  ];
  for (const [name, element] of elements) {
    if (registry.get(name) === undefined) {
      registry.define(name, element);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'record-button': RecordButtonElement;
    'room-info-panel': RoomInfoPanelElement;
    'upload-status': UploadStatusElement;
    'recordings-list': RecordingsListElement;
    'recording-library': RecordingLibraryElement;
    'recovery-list': RecoveryListElement;
  }
}

import { RecordButtonElement } from './record-button';
import { RecordingsListElement } from './recordings-list';
import { RoomInfoPanelElement } from './room-info-panel';
import { UploadStatusElement } from './upload-status';

/** Registers `<record-button>`, `<room-info-panel>`, `<upload-status>` and `<recordings-list>` (once). */
export function defineRecordingElements(registry: CustomElementRegistry = customElements): void {
  const elements: [string, CustomElementConstructor][] = [
    ['record-button', RecordButtonElement],
    ['room-info-panel', RoomInfoPanelElement],
    ['upload-status', UploadStatusElement],
    ['recordings-list', RecordingsListElement],
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
  }
}

import type { RecordingView } from '../upload/api-types';
import { formatBytes, formatExpiry } from './format';

/**
 * `<recordings-list>` (`data-testid="recordings-list"`): one row per recording
 * (`data-testid="recording-row"`, `data-status`) with its download link
 * (`data-testid="download-link"`) and expiry.
 */
export class RecordingsListElement extends HTMLElement {
  private readonly table = document.createElement('table');
  private readonly empty = document.createElement('p');

  constructor() {
    super();
    this.empty.textContent = 'No recordings yet.';
    this.table.createTHead().insertRow().append(...['File', 'Status', 'Size', 'Recorded', 'Expiry', ''].map(headerCell));
    this.table.createTBody();
  }

  connectedCallback(): void {
    this.dataset.testid ??= 'recordings-list';
    if (!this.table.isConnected) {
      this.append(this.empty, this.table);
      this.recordings = [];
    }
  }

  /** Replaces the rows; `now` is when expiry is measured from. */
  show(recordings: readonly RecordingView[], now: Date = new Date()): void {
    const body = this.table.tBodies[0];
    if (body === undefined) {
      return;
    }
    body.replaceChildren(...recordings.map((recording) => row(recording, now)));
    this.empty.hidden = recordings.length > 0;
    this.table.hidden = recordings.length === 0;
  }

  set recordings(recordings: readonly RecordingView[]) {
    this.show(recordings);
  }
}

function headerCell(text: string): HTMLTableCellElement {
  const cell = document.createElement('th');
  cell.textContent = text;
  return cell;
}

function row(recording: RecordingView, now: Date): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.testid = 'recording-row';
  tr.dataset.recordingId = recording.recording_id;
  tr.dataset.status = recording.status;
  const texts = [
    recording.filename,
    recording.status,
    recording.size == null ? '-' : formatBytes(recording.size), // the server omits a size it does not know
    new Date(recording.created_at).toLocaleString(),
    formatExpiry(recording.expires_at, now),
  ];
  for (const text of texts) {
    tr.insertCell().textContent = text;
  }
  const linkCell = tr.insertCell();
  if (recording.status === 'COMPLETED' && recording.download_url) {
    const link = document.createElement('a');
    link.href = recording.download_url;
    link.download = recording.filename;
    link.dataset.testid = 'download-link';
    link.textContent = '⬇️ Download';
    linkCell.append(link);
  }
  return tr;
}

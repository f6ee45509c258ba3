import type { RecordingView } from '../upload/api-types';
import { formatBytes, formatExpiry, formatLength } from './format';
import { partialNote } from './library-view';

/** How wide the list shows a thumbnail, in CSS pixels (the server makes them at most 640 wide). */
const THUMBNAIL_WIDTH = 160;

/**
 * `<recordings-list>` (`data-testid="recordings-list"`): one row per recording
 * (`data-testid="recording-row"`, `data-status`, `data-processing`) with its thumbnail once
 * processed (`data-testid="recording-thumbnail"`, loaded lazily), its length, the processing state
 * while it is not ready (`data-testid="processing-state"`: "processing…", or "processing failed"
 * with the reason as its title), "partial" when the server completed it without the end of the
 * call (`data-testid="partial-state"`, why as its title), its download link (`data-testid="download-link"`), the MP4
 * rendition's link when there is one (`data-testid="mp4-download-link"`) and its expiry.
 */
export class RecordingsListElement extends HTMLElement {
  private readonly table = document.createElement('table');
  private readonly empty = document.createElement('p');

  constructor() {
    super();
    this.empty.textContent = 'No recordings yet.';
    this.table.createTHead().insertRow().append(...['', 'File', 'Length', 'Status', 'Size', 'Recorded', 'Expiry', ''].map(headerCell));
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
  if (recording.processing != null) tr.dataset.processing = recording.processing;
  tr.insertCell().append(...thumbnail(recording));
  const texts = [
    recording.filename,
    recording.duration_ms == null ? '-' : formatLength(recording.duration_ms),
    recording.status,
    recording.size == null ? '-' : formatBytes(recording.size), // the server omits a size it does not know
    new Date(recording.created_at).toLocaleString(),
    formatExpiry(recording.expires_at, now),
  ];
  for (const text of texts) {
    tr.insertCell().textContent = text;
  }
  tr.cells[3]?.append(...processingState(recording), ...partialState(recording));
  const linkCell = tr.insertCell();
  if (recording.status === 'COMPLETED' && recording.download_url) {
    linkCell.append(link(recording.download_url, recording.filename, 'download-link', '⬇️ Download'));
  }
  const mp4 = recording.renditions?.find((rendition) => rendition.format === 'mp4');
  if (recording.status === 'COMPLETED' && mp4 !== undefined) {
    linkCell.append(' ', link(mp4.download_url, `${recording.filename.replace(/\.[^.]*$/, '')}.mp4`, 'mp4-download-link', '⬇️ MP4'));
  }
  return tr;
}

function thumbnail(recording: RecordingView): HTMLImageElement[] {
  if (!recording.thumbnail_url) {
    return [];
  }
  const image = document.createElement('img');
  image.dataset.testid = 'recording-thumbnail';
  image.loading = 'lazy';
  image.alt = `Thumbnail of ${recording.filename}`;
  image.width = THUMBNAIL_WIDTH;
  if (recording.width && recording.height) {
    // Known before the image loads: the row keeps its height, and nothing jumps.
    image.height = Math.round((THUMBNAIL_WIDTH * recording.height) / recording.width);
  }
  image.src = recording.thumbnail_url;
  return [image];
}

/** The processing state when it is not (or not yet) ready: nothing for ready, off or none. */
function processingState(recording: RecordingView): HTMLElement[] {
  const state = recording.processing;
  if (state !== 'queued' && state !== 'running' && state !== 'failed') {
    return [];
  }
  const label = document.createElement('small');
  label.dataset.testid = 'processing-state';
  if (state === 'failed') {
    label.textContent = ' processing failed';
    label.title = recording.processing_error ?? 'The server could not process this recording; the original stays downloadable';
  } else {
    label.textContent = ' processing…';
  }
  return [label];
}

/** "partial" for a recording the server completed without the end of the call, with why as its title. */
function partialState(recording: RecordingView): HTMLElement[] {
  const note = partialNote(recording);
  if (note === undefined) {
    return [];
  }
  const label = document.createElement('small');
  label.dataset.testid = 'partial-state';
  label.textContent = ' partial';
  label.title = note;
  return [label];
}

function link(href: string, filename: string, testid: string, text: string): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = filename;
  anchor.dataset.testid = testid;
  anchor.textContent = text;
  return anchor;
}

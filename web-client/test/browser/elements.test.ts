import { beforeAll, describe, expect, it } from 'vitest';
import { defineRecordingElements } from '../../src/ui/define-elements';

beforeAll(() => defineRecordingElements());

/** What every listed recording of these tests has in common. */
const base = {
  room_id: 'r',
  size: 2048,
  created_at: '2025-01-01T00:00:00Z',
  expires_at: '2025-01-31T00:00:00Z',
  content_type: 'video/webm',
};

function mount<K extends keyof HTMLElementTagNameMap>(tag: K): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  document.body.append(element);
  return element;
}

describe('recording custom elements', () => {
  it('<recovery-list> offers each unsent recording with Recover and Discard, and hides when empty', () => {
    const list = mount('recovery-list');
    expect(list.hidden).toBe(true);
    const entry = { id: 'j1', roomId: 'room-1', filename: 'recording-1.webm', mimeType: 'video/webm', createdAt: 0, state: 'recording' as const };
    list.recordings = [{ entry, bytes: 3 * 1024 * 1024, durationMs: 8_000 }];
    expect(list.hidden).toBe(false);
    expect(list.querySelector('[data-testid="recovery-row"]')?.textContent).toContain('recording-1.webm (room room-1, 0:08, 3.0 MB)');
    const events: string[] = [];
    list.addEventListener('recover', (event) => events.push(`recover ${(event as CustomEvent<{ id: string }>).detail.id}`));
    list.addEventListener('discard', (event) => events.push(`discard ${(event as CustomEvent<{ id: string }>).detail.id}`));
    list.querySelector<HTMLButtonElement>('[data-testid="recover-button"]')?.click();
    list.querySelector<HTMLButtonElement>('[data-testid="discard-button"]')?.click();
    expect(events).toEqual(['recover j1', 'discard j1']);
    list.setBusy('j1', true);
    expect(list.querySelector<HTMLButtonElement>('[data-testid="recover-button"]')?.disabled).toBe(true);
    list.recordings = [];
    expect(list.hidden).toBe(true);
  });

  it('<record-button> follows the state and peer, and fires record-toggle when clicked', () => {
    const host = mount('record-button');
    const button = host.querySelector<HTMLButtonElement>('[data-testid="record-button"]');
    expect(button?.disabled).toBe(true);
    host.hasPeer = true;
    expect(button?.disabled).toBe(false);
    expect(button?.dataset.color).toBe('blue');
    const toggles: string[] = [];
    host.addEventListener('record-toggle', (event) => toggles.push((event as CustomEvent<string>).detail));
    button?.click();
    host.state = 'recording';
    expect(button?.textContent).toBe('⏹️ Stop Recording');
    expect(button?.dataset.color).toBe('orange');
    button?.click();
    expect(toggles).toEqual(['idle', 'recording']);
  });

  it('<room-info-panel> shows 🔴 REC m:ss only while recording', () => {
    const panel = mount('room-info-panel');
    const indicator = panel.querySelector<HTMLElement>('[data-testid="rec-indicator"]');
    expect(indicator?.hidden).toBe(true);
    panel.recordingMs = 65_000;
    expect(indicator?.hidden).toBe(false);
    expect(indicator?.textContent).toBe('🔴 REC 1:05');
    panel.recordingMs = null;
    expect(indicator?.hidden).toBe(true);
  });

  it('<room-info-panel> shows ⏸ PAUSED m:ss while paused, and 🔴 REC again from the same time on resume', () => {
    const panel = mount('room-info-panel');
    const indicator = panel.querySelector<HTMLElement>('[data-testid="rec-indicator"]');
    panel.recordingMs = 7_400;
    panel.recordingPaused = true;
    expect(indicator?.textContent).toBe('⏸ PAUSED 0:07');
    panel.recordingPaused = false;
    expect(indicator?.textContent).toBe('🔴 REC 0:07');
    panel.recordingMs = 8_100;
    expect(indicator?.textContent).toBe('🔴 REC 0:08');
  });

  it('<upload-status> shows progress, then the failure with the local file link', () => {
    const status = mount('upload-status');
    expect(status.dataset.testid).toBe('upload-status');
    status.progress(250, 1000);
    expect(status.textContent).toContain('25%');
    status.failed('blob:x', 'recording-1.webm');
    expect(status.dataset.state).toBe('failed');
    expect(status.textContent).toContain('Failed to upload recording');
    const link = status.querySelector<HTMLAnchorElement>('[data-testid="local-recording-link"]');
    expect(link?.hidden).toBe(false);
    expect(link?.download).toBe('recording-1.webm');
  });

  it('<recordings-list> links only completed recordings and shows their expiry', () => {
    const list = mount('recordings-list');
    list.show(
      [
        { ...base, recording_id: 'a', filename: 'a.webm', status: 'COMPLETED', download_url: '/d/a' },
        { ...base, recording_id: 'b', filename: 'b.webm', status: 'PENDING', download_url: null },
      ],
      new Date('2025-01-01T00:00:00Z'),
    );
    const rows = list.querySelectorAll<HTMLTableRowElement>('[data-testid="recording-row"]');
    expect([...rows].map((row) => row.dataset.status)).toEqual(['COMPLETED', 'PENDING']);
    expect(rows[0]?.querySelector('a')?.getAttribute('href')).toBe('/d/a');
    expect(rows[0]?.textContent).toContain('expires in 30 days');
    expect(rows[1]?.querySelector('a')).toBeNull();
  });

  it('<recordings-list> shows the thumbnail, the length, the processing state while not ready, and the MP4 when there is one', () => {
    const list = mount('recordings-list');
    const completed = { ...base, status: 'COMPLETED' as const };
    list.show(
      [
        {
          ...completed,
          recording_id: 'ready',
          filename: 'ready.webm',
          download_url: '/objects/ready',
          processing: 'ready',
          duration_ms: 3_725_000,
          width: 1280,
          height: 720,
          thumbnail_url: '/objects/ready.jpg',
          renditions: [
            { format: 'webm', content_type: 'video/webm', size: 2048, download_url: '/objects/ready' },
            { format: 'mp4', content_type: 'video/mp4', size: 4096, download_url: '/objects/ready.mp4' },
          ],
        },
        { ...completed, recording_id: 'queued', filename: 'queued.webm', download_url: '/objects/queued', processing: 'queued', duration_ms: 65_400 },
        { ...completed, recording_id: 'running', filename: 'running.webm', download_url: '/objects/running', processing: 'running' },
        { ...completed, recording_id: 'failed', filename: 'failed.webm', download_url: '/objects/failed', processing: 'failed', processing_error: 'not a media file' },
        { ...completed, recording_id: 'off', filename: 'off.webm', download_url: '/objects/off', processing: 'off', duration_ms: 6_000 },
      ],
      new Date('2025-01-01T00:00:00Z'),
    );
    const rows = [...list.querySelectorAll<HTMLTableRowElement>('[data-testid="recording-row"]')];
    const [ready, queued, running, failed, off] = rows;
    expect(rows.map((row) => row.dataset.processing)).toEqual(['ready', 'queued', 'running', 'failed', 'off']);

    const image = ready?.querySelector<HTMLImageElement>('[data-testid="recording-thumbnail"]');
    expect(image?.getAttribute('src')).toBe('/objects/ready.jpg');
    expect(image?.alt).toBe('Thumbnail of ready.webm');
    expect(image?.loading).toBe('lazy');
    expect([image?.width, image?.height]).toEqual([160, 90]);
    expect(ready?.cells[2]?.textContent).toBe('1:02:05');
    expect(queued?.cells[2]?.textContent).toBe('1:05');
    expect(running?.cells[2]?.textContent).toBe('-');
    const mp4 = ready?.querySelector<HTMLAnchorElement>('[data-testid="mp4-download-link"]');
    expect(mp4?.getAttribute('href')).toBe('/objects/ready.mp4');
    expect(mp4?.download).toBe('ready.mp4');
    expect(ready?.querySelector('[data-testid="download-link"]')?.getAttribute('href')).toBe('/objects/ready');
    expect(ready?.querySelector('[data-testid="processing-state"]')).toBeNull();

    expect(queued?.querySelector('[data-testid="processing-state"]')?.textContent).toBe(' processing…');
    expect(running?.querySelector('[data-testid="processing-state"]')?.textContent).toBe(' processing…');
    const failure = failed?.querySelector<HTMLElement>('[data-testid="processing-state"]');
    expect(failure?.textContent).toBe(' processing failed');
    expect(failure?.title).toBe('not a media file');
    // Not ready: no thumbnail and no MP4, but the original stays downloadable.
    for (const row of [queued, running, failed, off]) {
      expect(row?.querySelector('[data-testid="recording-thumbnail"]')).toBeNull();
      expect(row?.querySelector('[data-testid="mp4-download-link"]')).toBeNull();
      expect(row?.querySelector('[data-testid="download-link"]')).not.toBeNull();
    }
    expect(off?.querySelector('[data-testid="processing-state"]')).toBeNull();
    expect(off?.cells[2]?.textContent).toBe('0:06');
  });

  it('<recordings-list> marks a recording the server completed without the end of the call as partial, and says why', () => {
    const list = mount('recordings-list');
    const completed = { ...base, status: 'COMPLETED' as const, processing: 'ready' as const };
    list.show(
      [
        { ...completed, recording_id: 'salvaged', filename: 's.webm', download_url: '/objects/s', partial: true, partial_reason: 'client_gone' as const },
        { ...completed, recording_id: 'whole', filename: 'w.webm', download_url: '/objects/w', partial: false },
      ],
      new Date('2025-01-01T00:00:00Z'),
    );
    const [salvaged, whole] = [...list.querySelectorAll<HTMLTableRowElement>('[data-testid="recording-row"]')];
    const label = salvaged?.querySelector<HTMLElement>('[data-testid="partial-state"]');
    expect(label?.textContent).toBe(' partial');
    expect(label?.title).toContain('the browser never finished uploading');
    expect(salvaged?.querySelector('[data-testid="download-link"]')?.getAttribute('href')).toBe('/objects/s');
    expect(whole?.querySelector('[data-testid="partial-state"]')).toBeNull();
  });

  it('<recording-library> shows cards named by their file, fires share and delete, shows the link, removes and focuses', async () => {
    const library = mount('recording-library');
    const ready = {
      ...base, recording_id: 'r1', filename: 'standup.webm', status: 'COMPLETED' as const, download_url: '/objects/r1', duration_ms: 65_000,
      processing: 'ready' as const, thumbnail_url: 'data:,', width: 1280, height: 720,
      renditions: [{ format: 'mp4' as const, content_type: 'video/mp4', size: 9, download_url: '/objects/r1.mp4' }],
    };
    const pending = { ...base, recording_id: 'r2', filename: 'pending.webm', status: 'PENDING' as const, download_url: null };
    library.show([ready, pending], new Date('2025-01-01T00:00:00Z'));
    library.add([ready]);
    expect(library.size).toBe(2);
    const first = library.querySelector<HTMLElement>('#recording-r1');
    expect(first?.getAttribute('aria-labelledby')).toBe('recording-title-r1');
    expect(library.querySelector('#recording-title-r1')?.textContent).toBe('standup.webm');
    expect(first?.querySelector('[data-fact="length"]')?.textContent).toBe('1:05');
    expect(first?.querySelector('[data-fact="expiry"]')?.textContent).toBe('expires in 30 days');
    expect(first?.querySelector<HTMLImageElement>('img')?.alt).toBe('Poster of standup.webm');
    expect(first?.querySelector('img')?.getAttribute('height')).toBe('180');
    // Nothing to play or share before completion; deleting is always offered.
    const second = library.querySelector('#recording-r2');
    expect(second?.querySelector<HTMLButtonElement>('[data-action="play"]')?.disabled).toBe(true);
    expect(second?.querySelector<HTMLButtonElement>('[data-action="share"]')?.disabled).toBe(true);
    expect(second?.querySelector('[data-fact="state"]')?.textContent).toBe('uploading');

    const events: string[] = [];
    library.addEventListener('share-recording', (event) => events.push(`share ${(event as CustomEvent<{ id: string }>).detail.id}`));
    library.addEventListener('delete-recording', (event) => events.push(`delete ${(event as CustomEvent<{ id: string }>).detail.id}`));
    first?.querySelector<HTMLButtonElement>('[aria-label="Share standup.webm"]')?.click();
    first?.querySelector<HTMLButtonElement>('[aria-label="Delete standup.webm"]')?.click();
    expect(events).toEqual(['share r1', 'delete r1']);

    const opened: string[] = [];
    library.player = { open: async (id) => { opened.push(id); }, url: (id, media) => `/media-of/${id}/${media}` };
    first?.querySelector<HTMLButtonElement>('[aria-label="Play standup.webm"]')?.click();
    await expect.poll(() => first?.querySelector('video')).not.toBeNull();
    const video = first?.querySelector('video');
    expect(opened).toEqual(['r1']);
    expect(video?.querySelector('source')?.getAttribute('src')).toBe('/media-of/r1/mp4');
    expect(video?.querySelector('source')?.type).toBe('video/mp4');

    library.showShareLink('r1', 'http://127.0.0.1/s/token');
    const field = first?.querySelector<HTMLInputElement>('[data-testid="share-url"]');
    expect(field?.value).toBe('http://127.0.0.1/s/token');
    expect(document.activeElement).toBe(field);
    expect(field?.labels?.[0]?.textContent).toContain('Share link of standup.webm');

    expect(library.removeCard('r1')).toBe('r2');
    expect(library.focusCard('r2')).toBe(true);
    expect(document.activeElement?.id).toBe('recording-r2');
    expect(library.removeCard('r2')).toBeUndefined();
    expect(library.focusCard('r2')).toBe(false);
    library.remove();
  });
});

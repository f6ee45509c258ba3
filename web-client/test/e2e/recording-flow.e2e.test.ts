import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { probeMedia } from '../support/media-probe';
import { startRecordingsServer, type RunningServer } from '../support/recordings-server';

let server: RunningServer;
let context: BrowserContext;
let workDir: string;

beforeAll(async () => {
  server = await startRecordingsServer();
  workDir = await mkdtemp(join(tmpdir(), 'call-recordings-e2e-'));
  context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    headless: true,
    acceptDownloads: true,
  });
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

/** Opens the demo with the URL that signs in, joins `room` and starts a loopback call; collects console lines. */
async function openLoopbackCall(room: string): Promise<{ page: Page; console: string[] }> {
  const page = await context.newPage();
  const lines: string[] = [];
  page.on('console', (message) => lines.push(message.text()));
  await page.goto(`${server.url}/?email=alice%40example.com&room=${room}&loopback=1`);
  await expect.poll(() => page.getByTestId('record-button').isEnabled(), { timeout: 15_000 }).toBe(true);
  // Nothing is waiting for recovery in a fresh room, so the recovery panel must not show (the demo's CSS once overrode `hidden`).
  expect(await page.getByTestId('recovery-list').isVisible()).toBe(false);
  return { page, console: lines };
}

async function record(page: Page, seconds: number): Promise<void> {
  const button = page.getByTestId('record-button');
  await button.click();
  await expect.poll(() => button.textContent()).toBe('⏹️ Stop Recording');
  await expect.poll(() => page.getByTestId('rec-indicator').textContent(), { timeout: 5_000 }).toMatch(/^🔴 REC 0:0[1-9]$/);
  await page.waitForTimeout(seconds * 1000 - 1000);
  await button.click();
}

describe('the demo page against the recordings server', () => {
  it('records a 6 s loopback call, uploads it, lists it COMPLETED, and the download has one 1280x720 video and one audible audio track', async () => {
    const { page, console } = await openLoopbackCall('e2e-room-1');
    expect(await page.getByTestId('record-button').getAttribute('data-color')).toBe('blue');

    await record(page, 6);

    const status = page.getByTestId('upload-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 30_000 }).toBe('uploaded');
    expect(await status.textContent()).toContain('✅ Recording uploaded successfully!');
    const rows = page.getByTestId('recordings-list').getByTestId('recording-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-status')).toBe('COMPLETED');
    expect(console).toEqual(expect.arrayContaining(['🎥 Starting recording...', '✅ Recording uploaded successfully!']));

    const href = await rows.first().getByTestId('download-link').getAttribute('href');
    expect(href).toBeTruthy();
    const download = await page.request.get(new URL(href ?? '', server.url).toString());
    expect(download.status()).toBe(200);
    const file = join(workDir, 'downloaded.webm');
    await writeFile(file, await download.body());
    const media = await probeMedia(file);
    expect(media.videoStreams).toEqual([{ codec: 'vp8', width: 1280, height: 720 }]);
    expect(media.audioStreams).toHaveLength(1);
    expect(media.maxVolumeDb).toBeGreaterThan(-40);
    expect(media.lastVideoPacketSeconds).toBeGreaterThan(4.5);
    // Seekable: the single-PUT path writes the WebM Duration too.
    expect(media.durationSeconds).toBeDefined();
    expect(Math.abs((media.durationSeconds ?? 0) - media.lastVideoPacketSeconds)).toBeLessThan(1);

    const token = await page.evaluate(() => sessionStorage.getItem('call-recordings.token'));
    const id = await rows.first().getAttribute('data-recording-id');
    const stored = await fetch(`${server.url}/recordings/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ recording_id: id, room_id: 'e2e-room-1', status: 'COMPLETED', size: (await download.body()).length });
    await page.close();
  });

  it('when the upload fails for good, says "Failed to upload recording" and saves the file locally', async () => {
    const { page } = await openLoopbackCall('e2e-room-2');
    let puts = 0;
    await page.route('**/*', (route) => {
      if (route.request().method() !== 'PUT') return route.fallback();
      puts += 1;
      return route.abort('connectionfailed');
    });
    const downloaded = page.waitForEvent('download', { timeout: 60_000 });

    await record(page, 3);

    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/^recording-\d{8}-\d{6}\.webm$/);
    const status = page.getByTestId('upload-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('failed');
    expect(await status.textContent()).toContain('Failed to upload recording');
    expect(await page.getByTestId('local-recording-link').getAttribute('href')).toMatch(/^blob:/);
    // PART_RETRY_POLICY: six tries, as patient as a part upload.
    expect(puts).toBe(6);
    const file = join(workDir, 'saved-locally.webm');
    await download.saveAs(file);
    const media = await probeMedia(file);
    expect(media.videoStreams).toEqual([{ codec: 'vp8', width: 1280, height: 720 }]);
    expect(media.audioStreams).toHaveLength(1);
    expect(await page.getByTestId('record-button').isEnabled()).toBe(true);
    await page.close();
  });

  it('connects two tabs of one room over BroadcastChannel and enables recording in both', async () => {
    const first = await context.newPage();
    const second = await context.newPage();
    await first.goto(`${server.url}/?email=bob%40example.com&room=e2e-room-3`);
    await second.goto(`${server.url}/?email=carol%40example.com&room=e2e-room-3`);
    for (const page of [first, second]) {
      await expect.poll(() => page.getByTestId('record-button').isEnabled(), { timeout: 15_000 }).toBe(true);
      expect(await page.locator('room-info-panel').textContent()).toContain('👥 2 participants');
    }
    await second.close({ runBeforeUnload: true });
    await expect.poll(() => first.getByTestId('record-button').isEnabled(), { timeout: 10_000 }).toBe(false);
    await first.close();
  });
});

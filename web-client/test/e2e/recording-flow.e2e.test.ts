import { mkdtemp, rm } from 'node:fs/promises';
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
});

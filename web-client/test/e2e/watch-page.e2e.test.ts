import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { startRecordingsServer, type RunningServer } from '../support/recordings-server';

const run = promisify(execFile);
const READY_TIMEOUT_MS = 90_000;
/** Where the screenshot of the watch page is kept, beside the other test output. */
const SCREENSHOTS = join(import.meta.dirname, '../../test-results');

let server: RunningServer;
let context: BrowserContext;
let workDir: string;

beforeAll(async () => {
  // Processing on, so the page has the MP4 rendition and the poster to show.
  server = await startRecordingsServer({ RECORDING_PROCESSING_ENABLED: 'true' });
  workDir = await mkdtemp(join(tmpdir(), 'call-recordings-watch-e2e-'));
  context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    headless: true,
  });
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

async function api(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
}

/** A 4 s VP8/Opus WebM of ffmpeg's test pattern and a tone, uploaded and completed; processing makes it ready. */
async function readyRecording(token: string): Promise<string> {
  const file = join(workDir, 'pattern.webm');
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-f', 'lavfi', '-i',
    'sine=frequency=440', '-t', '4', '-c:v', 'libvpx', '-b:v', '300k', '-c:a', 'libopus', '-y', file]);
  const bytes = await readFile(file);
  const ticket = (await (await api('/recordings/upload-url', token, {
    method: 'POST', body: JSON.stringify({ room_id: 'e2e-watch', size: bytes.length }),
  })).json()) as { upload_url: string; recording_id: string; upload_headers: Record<string, string> };
  const put = await fetch(ticket.upload_url, { method: 'PUT', headers: ticket.upload_headers, body: bytes });
  expect(put.status).toBe(200);
  expect((await api(`/recordings/${ticket.recording_id}/complete`, token, { method: 'POST' })).status).toBe(200);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const recording = (await (await api(`/recordings/${ticket.recording_id}`, token)).json()) as { processing?: string };
    if (recording.processing === 'ready') return ticket.recording_id;
    expect(recording.processing, server.output().slice(-2000)).not.toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`recording not ready after ${READY_TIMEOUT_MS} ms:\n${server.output().slice(-4000)}`);
}

describe('the watch page of a share link', () => {
  it('plays the MP4 rendition and loads the poster in Chromium without signing in', async () => {
    const { token } = (await (await fetch(`${server.url}/dev/token`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'wendy@example.com' }),
    })).json()) as { token: string };
    const id = await readyRecording(token);
    const created = await api(`/recordings/${id}/shares`, token, { method: 'POST', body: '{}' });
    expect(created.status).toBe(201);
    const { url } = (await created.json()) as { url: string };

    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    const video = page.locator('video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const source = await page.locator('video source').getAttribute('type');
    expect(source).toBe('video/mp4');
    const posterWidth = await video.evaluate((v: HTMLVideoElement) => new Promise<number>((resolve) => {
      const image = new Image();
      image.onload = () => resolve(image.naturalWidth);
      image.onerror = () => resolve(-1);
      image.src = v.poster;
    }));
    expect(posterWidth).toBeGreaterThan(0);
    await video.evaluate((v: HTMLVideoElement) => { v.muted = true; return v.play(); });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.5);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'watch-page.png'), fullPage: true });
    expect(violations).toEqual([]);
    await page.close();
  });
});

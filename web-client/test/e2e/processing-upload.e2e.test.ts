import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { BROWSERS, launchBrowser } from '../support/browsers';
import { probeMedia } from '../support/media-probe';
import { startRecordingsServer, type RunningServer } from '../support/recordings-server';

let server: RunningServer;
let workDir: string;

beforeAll(async () => {
  // Said explicitly: the point is the upload mode a processing server asks for.
  server = await startRecordingsServer({ RECORDING_PROCESSING_ENABLED: 'true' });
  workDir = await mkdtemp(join(tmpdir(), 'call-recordings-processing-e2e-'));
});

afterAll(async () => {
  await server?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

const testId = (id: string) => `[data-testid="${id}"]`;
/** 360p at 20 Mbit/s of a noise camera: the server's 5 MiB parts fill in seconds, not minutes. */
const NOISY_CALL = '&quality=360p&bitrate=20000000';

/**
 * Runs in the page before its scripts: the camera's video becomes noise (a canvas of random
 * pixels), which no encoder compresses, in both browsers (Chromium's noise `.y4m` file has no
 * Firefox counterpart). The microphone stays the browser's fake one.
 */
function noiseCamera(): void {
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await real(constraints);
    if (!constraints?.video) return stream;
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 360;
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('No 2D canvas');
    const image = context.createImageData(canvas.width, canvas.height);
    const draw = () => {
      // getRandomValues fills at most 64 KiB per call.
      for (let offset = 0; offset < image.data.length; offset += 65_536) crypto.getRandomValues(image.data.subarray(offset, offset + 65_536));
      for (let alpha = 3; alpha < image.data.length; alpha += 4) image.data[alpha] = 255;
      context.putImageData(image, 0, 0);
    };
    draw();
    setInterval(draw, 1000 / 30);
    for (const track of stream.getVideoTracks()) {
      stream.removeTrack(track);
      track.stop();
    }
    for (const track of canvas.captureStream(30).getVideoTracks()) stream.addTrack(track);
    return stream;
  };
}

async function api(page: Page, path: string): Promise<Record<string, unknown>> {
  const token = await page.evaluate(() => sessionStorage.getItem('call-recordings.token'));
  const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe.each(BROWSERS)('a server that processes recordings, in %s', (name) => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser(name, join(workDir, `${name}-profile`));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('gets part 1 during the call (no Duration held back), completes, and the list shows the thumbnail, the length and the MP4 once processed', async () => {
    const room = `e2e-processing-${name}`;
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(noiseCamera);
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    onTestFailed(() => {
      const processing = server.output().split('\n').filter((text) => /process|ffmpeg|job/i.test(text));
      process.stdout.write(`${name} page console:\n${console.join('\n')}\nserver on processing:\n${processing.slice(-30).join('\n')}\n`);
    });
    await page.goto(`${server.url}/?email=alice%40example.com&room=${room}&loopback=1${NOISY_CALL}`);
    await page.waitForSelector(`${testId('record-button')}:not([disabled])`, { timeout: 15_000 });

    await page.click(testId('record-button'));
    const started = Date.now();
    const line = (prefix: string) => console.find((text) => text.startsWith(prefix));
    await expect.poll(() => line('📤 Part 1 uploaded'), { timeout: 90_000, interval: 250 }).toBeDefined();
    const recordingId = /^🧩 Progressive upload of (\S+) started/.exec(line('🧩 Progressive upload') ?? '')?.[1];
    expect(recordingId).toBeDefined();
    // The server itself holds part 1 while the call goes on.
    const during = (await api(page, `/recordings/${recordingId}/parts`)) as { parts: { part_number: number; size: number }[] };
    expect(during.parts.map((part) => part.part_number)).toContain(1);
    expect(during.parts.find((part) => part.part_number === 1)?.size).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    const partsBeforeStop = console.filter((text) => /^📤 Part \d+ uploaded/.test(text)).length;

    await page.click(testId('record-button'));
    const recordedSeconds = (Date.now() - started) / 1000;
    await page.waitForFunction((selector) => document.querySelector(selector)?.getAttribute('data-state') === 'uploaded', { timeout: 90_000, polling: 250 }, testId('upload-status'));

    const uploadedParts = console.filter((text) => /^📤 Part \d+ uploaded/.test(text));
    // Part 1 went up once, before the stop; after it only what was not yet full (or not yet sent).
    expect(uploadedParts.filter((text) => text.startsWith('📤 Part 1 uploaded'))).toHaveLength(1);
    expect(uploadedParts.indexOf(line('📤 Part 1 uploaded') ?? '')).toBeLessThan(partsBeforeStop);
    const completed = await api(page, `/recordings/${recordingId}`);
    expect(completed).toMatchObject({ status: 'COMPLETED' });

    // The demo looks again until processing is done; the thumbnail must load (the page's CSP allows it).
    await page.waitForFunction(
      (selector) => {
        const image = document.querySelector<HTMLImageElement>(selector);
        return image !== null && image.complete && image.naturalWidth > 0;
      },
      { timeout: 110_000, polling: 500 },
      `${testId('recording-row')}[data-recording-id="${recordingId}"] ${testId('recording-thumbnail')}`,
    );
    const row = `${testId('recording-row')}[data-recording-id="${recordingId}"]`;
    expect(await page.$eval(row, (element) => (element as HTMLElement).dataset.processing)).toBe('ready');
    expect(await page.$eval(`${row} ${testId('mp4-download-link')}`, (link) => (link as HTMLAnchorElement).download)).toMatch(/\.mp4$/);
    const ready = await api(page, `/recordings/${recordingId}`);
    expect(ready).toMatchObject({ processing: 'ready' });
    const durationMs = Number(ready['duration_ms']);
    expect(await page.$eval(`${row} td:nth-child(3)`, (cell) => cell.textContent)).toMatch(/^0:\d\d$/);

    // The client sent no Duration; the server's remux has one, within 1 s of the recorded time.
    const download = await fetch(new URL(String(ready['download_url']), server.url));
    const file = join(workDir, `${room}.webm`);
    await writeFile(file, Buffer.from(await download.arrayBuffer()));
    const media = await probeMedia(file);
    expect(Math.abs((media.durationSeconds ?? 0) - recordedSeconds)).toBeLessThan(1.5);
    expect(Math.abs(durationMs / 1000 - (media.durationSeconds ?? 0))).toBeLessThan(0.5);
    process.stdout.write(`${name}: ${partsBeforeStop} parts up before stop, ${uploadedParts.length - partsBeforeStop} at stop; ${recordedSeconds.toFixed(1)} s recorded\n`);
    await page.close();
  }, 240_000);
});

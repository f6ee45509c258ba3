import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { expectJournalWithDuration } from '../support/journal-check';
import { decodeAll, probeMedia } from '../support/media-probe';
import { startRecordingsServer, type RunningServer } from '../support/recordings-server';

const run = promisify(execFile);
const MiB = 1024 * 1024;

let server: RunningServer;
let workDir: string;
/** Fake camera and microphone, as in the other e2e tests. */
let context: BrowserContext;
/**
 * A fake camera that shows noise: VP8 cannot compress it, so at 20 Mbit/s a recording passes
 * the 5 MiB parts the server requires (the core's minimum, which no server setting lowers) in a
 * few seconds instead of minutes.
 */
let noisy: BrowserContext;

async function launch(profile: string, extraArgs: readonly string[] = []): Promise<BrowserContext> {
  return chromium.launchPersistentContext(join(workDir, profile), {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
    acceptDownloads: true,
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'call-recordings-journal-e2e-'));
  const noise = join(workDir, 'noise.y4m');
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', "nullsrc=s=640x360:r=30,geq=lum='random(1)*255':cb='random(2)*255':cr='random(3)*255'", '-t', '2', '-pix_fmt', 'yuv420p', noise]);
  // These tests check the client's own Duration patch, byte for byte, so the server must not
  // process (off unless asked): one that does has the client skip the patch and replaces the file
  // (processing-upload.e2e.test.ts).
  server = await startRecordingsServer();
  context = await launch('profile');
  noisy = await launch('noisy-profile', [`--use-file-for-fake-video-capture=${noise}`]);
});

afterAll(async () => {
  await context?.close();
  await noisy?.close();
  await server?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

/** Opens the demo signed in as alice, in `room` with a loopback call; collects console lines. */
async function openLoopbackCall(browser: BrowserContext, room: string, extra = ''): Promise<{ page: Page; console: string[] }> {
  const page = await browser.newPage();
  await page.addInitScript(watchJournalWrites);
  const lines: string[] = [];
  page.on('console', (message) => lines.push(message.text()));
  await page.goto(`${server.url}/?email=alice%40example.com&room=${room}&loopback=1${extra}`);
  await expect.poll(() => page.getByTestId('record-button').isEnabled(), { timeout: 15_000 }).toBe(true);
  return { page, console: lines };
}

async function startRecording(page: Page): Promise<number> {
  const button = page.getByTestId('record-button');
  await button.click();
  await expect.poll(() => button.textContent()).toBe('⏹️ Stop Recording');
  return Date.now();
}

/**
 * Holds `POST /recordings/{id}/complete` until the test has read what was journaled. Resolves
 * with the journal's chunks, concatenated.
 */
async function journalAtCompletion(page: Page): Promise<Promise<Buffer>> {
  let reached: () => void = () => undefined;
  const atCompletion = new Promise<void>((resolve) => (reached = resolve));
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/recordings/*/complete', async (route) => {
    reached();
    await gate;
    await route.continue();
  });
  return atCompletion.then(async () => {
    const journal = await readJournal(page);
    release();
    return journal;
  });
}

/**
 * Records every chunk the page writes to its journal's `bytes` store, as it writes it: the journal
 * itself prunes the parts the server confirmed during the call, so it cannot be read at the end.
 * Keeps the page's own Blobs (or ArrayBuffers), not copies.
 */
function watchJournalWrites(): void {
  const put = IDBObjectStore.prototype.put;
  const written: { recordingId: string; seq: number; data: Blob | ArrayBuffer }[] = [];
  Object.assign(window, { journalWrites: written });
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    if (this.name === 'bytes') written.push(value as (typeof written)[number]);
    return put.call(this, value, key);
  };
}

/** The chunks of the one recording the page journaled, concatenated in sequence order. */
async function readJournal(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    // The journal's one-byte Blob check at open is written under the empty recording id, then deleted.
    const written = (window as unknown as { journalWrites: { recordingId: string; seq: number; data: Blob | ArrayBuffer }[] }).journalWrites
      .filter((chunk) => chunk.recordingId !== '');
    if (new Set(written.map((chunk) => chunk.recordingId)).size !== 1) {
      throw new Error(`Expected the chunks of one recording, got ${written.length} chunks of ${new Set(written.map((c) => c.recordingId)).size}`);
    }
    // A Blob write the engine refused is repeated as an ArrayBuffer: the last write of a seq counts.
    const bySeq = new Map(written.map((chunk) => [chunk.seq, chunk.data]));
    const joined = new Blob([...bySeq.entries()].sort(([a], [b]) => a - b).map(([, data]) => data));
    const url = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsDataURL(joined);
    });
    return url.slice(url.indexOf(',') + 1);
  });
  return Buffer.from(base64, 'base64');
}

/** The room's one recording, as the API lists it (`GET /recordings`), and its file. */
async function downloadOnlyRecording(page: Page, room: string): Promise<{ recording: Record<string, unknown>; bytes: Buffer; file: string }> {
  const token = await page.evaluate(() => sessionStorage.getItem('call-recordings.token'));
  const headers = { Authorization: `Bearer ${token}` };
  const listed = (await (await fetch(`${server.url}/recordings?room_id=${room}`, { headers })).json()) as { recordings: { recording_id: string }[] };
  expect(listed.recordings).toHaveLength(1);
  const recording = (await (await fetch(`${server.url}/recordings/${listed.recordings[0]?.recording_id}`, { headers })).json()) as Record<string, unknown>;
  const download = await fetch(new URL(String(recording['download_url']), server.url));
  expect(download.status).toBe(200);
  const bytes = Buffer.from(await download.arrayBuffer());
  const file = join(workDir, `${room}.webm`);
  await writeFile(file, bytes);
  return { recording, bytes, file };
}

/** A small seeded generator (mulberry32): random failures, but the same ones on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISY_CALL = '&quality=360p&bitrate=20000000';

describe('never lose a recording', () => {
  it('closed tab: 8 s into a recording the tab closes; the reopened page offers recovery, and the recording uploads, at least 7 s long', async () => {
    const { page } = await openLoopbackCall(context, 'e2e-closed-tab');
    await startRecording(page);
    await expect.poll(() => page.getByTestId('rec-indicator').textContent(), { timeout: 15_000, interval: 100 }).toBe('🔴 REC 0:08');

    // While chunks are unsent, leaving the page asks first.
    const dialog = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const warning = await dialog;
    expect(warning.type()).toBe('beforeunload');
    await warning.dismiss();
    expect(page.isClosed()).toBe(false);
    await page.close({ runBeforeUnload: false });

    const reopened = await context.newPage();
    await reopened.goto(`${server.url}/?email=alice%40example.com`);
    const recover = reopened.getByTestId('recover-button');
    await expect.poll(() => recover.count(), { timeout: 15_000 }).toBe(1);
    expect(await reopened.getByTestId('recovery-row').textContent()).toContain('room e2e-closed-tab');
    await recover.click();

    const status = reopened.getByTestId('upload-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toBe('uploaded');
    await expect.poll(() => reopened.getByTestId('recovery-row').count()).toBe(0);
    const { recording, bytes, file } = await downloadOnlyRecording(reopened, 'e2e-closed-tab');
    expect(recording).toMatchObject({ status: 'COMPLETED', size: bytes.length });
    const media = await probeMedia(file);
    expect(media.durationSeconds).toBeGreaterThanOrEqual(7);
    expect(media.lastVideoPacketSeconds).toBeGreaterThanOrEqual(6.5);
    expect(media.videoStreams).toEqual([{ codec: 'vp8', width: 1280, height: 720 }]);
    await reopened.close();
  });

  it('progressive path: parts go up during the call, the joined file plays and is the journal byte for byte plus the Duration, which is within 1 s of the recorded time', async () => {
    const { page, console } = await openLoopbackCall(noisy, 'e2e-progressive', NOISY_CALL);
    const cdp = await noisy.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const started = await startRecording(page);
    await expect.poll(() => console.some((line) => line.startsWith('🧩 Progressive upload')), { timeout: 30_000 }).toBe(true);
    const heapEarly = await heap();
    await expect.poll(() => console.some((line) => line.startsWith('📤 Part 3 uploaded')), { timeout: 90_000, interval: 250 }).toBe(true);
    const heapLate = await heap();
    const journal = journalAtCompletion(page);
    await page.getByTestId('record-button').click();
    const recordedSeconds = (Date.now() - started) / 1000;
    const partsBeforeStop = console.filter((line) => /^📤 Part \d+ uploaded/.test(line)).length;
    // This server does not process recordings: part 1 waits for the Duration until stop.
    const part1BeforeStop = console.some((line) => line.startsWith('📤 Part 1 uploaded'));

    const journaled = await journal;
    await expect.poll(() => page.getByTestId('upload-status').getAttribute('data-state'), { timeout: 60_000 }).toBe('uploaded');

    expect(partsBeforeStop).toBeGreaterThanOrEqual(2);
    expect(part1BeforeStop).toBe(false);
    expect(console.filter((line) => line.startsWith('📤 Part 1 uploaded'))).toHaveLength(1);
    const { recording, bytes, file } = await downloadOnlyRecording(page, 'e2e-progressive');
    expect(recording).toMatchObject({ status: 'COMPLETED', size: bytes.length });
    expect(journaled.length).toBeGreaterThan(3 * 5 * MiB);
    const durationMs = expectJournalWithDuration(bytes, journaled);
    expect(recording['duration_ms']).toBe(durationMs);
    expect(await decodeAll(file)).toBeGreaterThan(0);
    const media = await probeMedia(file);
    expect(media.durationSeconds).toBeCloseTo(durationMs / 1000, 2);
    expect(Math.abs((media.durationSeconds ?? 0) - recordedSeconds)).toBeLessThan(1);
    expect(Math.abs((media.durationSeconds ?? 0) - media.lastVideoPacketSeconds)).toBeLessThan(1);
    // Chunks live in the journal: the JS heap does not grow with the recording.
    process.stdout.write(`JS heap ${(heapEarly / MiB).toFixed(1)} MiB -> ${(heapLate / MiB).toFixed(1)} MiB while ${(journaled.length / MiB).toFixed(1)} MiB were recorded\n`);
    expect(heapLate - heapEarly).toBeLessThan(4 * MiB);
    await page.close();
  });

  it('flaky network: PUTs fail at random (reset, 503, 403), and the upload still completes byte-identical', async () => {
    const { page, console } = await openLoopbackCall(noisy, 'e2e-flaky', NOISY_CALL);
    const random = seeded(20251124);
    const outcomes: string[] = [];
    await page.route('**/*', async (route) => {
      if (route.request().method() !== 'PUT') return route.fallback();
      const roll = random();
      if (roll < 0.15) {
        outcomes.push('reset');
        return route.abort('connectionreset');
      }
      if (roll < 0.3) {
        outcomes.push('503');
        return route.fulfill({ status: 503, body: 'Slow Down' });
      }
      if (roll < 0.4) {
        outcomes.push('403');
        return route.fulfill({ status: 403, body: 'Request has expired' });
      }
      outcomes.push('ok');
      return route.continue();
    });
    await startRecording(page);
    await expect.poll(() => console.some((line) => line.startsWith('📤 Part 2 uploaded')), { timeout: 90_000, interval: 250 }).toBe(true);
    const journal = journalAtCompletion(page);
    await page.getByTestId('record-button').click();

    const journaled = await journal;
    await expect.poll(() => page.getByTestId('upload-status').getAttribute('data-state'), { timeout: 90_000 }).toBe('uploaded');

    expect(outcomes.filter((outcome) => outcome !== 'ok').length).toBeGreaterThanOrEqual(1);
    const { recording, bytes } = await downloadOnlyRecording(page, 'e2e-flaky');
    expect(recording).toMatchObject({ status: 'COMPLETED', size: bytes.length });
    expectJournalWithDuration(bytes, journaled);
    process.stdout.write(`flaky network: PUT outcomes ${JSON.stringify(outcomes)}\n`);
    await page.close();
  });
});

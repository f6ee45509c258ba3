import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { probeMedia } from '../support/media-probe';
import { startRecordingsServer, type RunningServer } from '../support/recordings-server';

const run = promisify(execFile);

/** How long the server may take from `complete` to `ready` for a few seconds of 720p on a busy machine. */
const READY_TIMEOUT_MS = 90_000;
/** The EBML id of a WebM's Cues element, the index players seek with. */
const CUES_ID = Buffer.from([0x1c, 0x53, 0xbb, 0x6b]);

interface RecordingJson {
  recording_id: string;
  processing?: string;
  processing_error?: string;
  duration_ms?: number;
  width?: number;
  height?: number;
  thumbnail_url?: string;
  renditions?: { format: string; content_type: string; size: number; download_url: string }[];
}

let server: RunningServer;
let context: BrowserContext;
let workDir: string;

beforeAll(async () => {
  // On, not "on when ffmpeg is found": a machine without ffmpeg fails this test instead of skipping its point.
  server = await startRecordingsServer({ RECORDING_PROCESSING_ENABLED: 'true' });
  workDir = await mkdtemp(join(tmpdir(), 'call-recordings-processing-e2e-'));
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

async function recordLoopbackCall(room: string, seconds: number): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/?email=alice%40example.com&room=${room}&loopback=1`);
  const button = page.getByTestId('record-button');
  await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
  await button.click();
  await expect.poll(() => page.getByTestId('rec-indicator').textContent(), { timeout: 5_000 }).toMatch(/^🔴 REC 0:0[1-9]$/);
  await page.waitForTimeout(seconds * 1000 - 1000);
  await button.click();
  await expect.poll(() => page.getByTestId('upload-status').getAttribute('data-state'), { timeout: 60_000 }).toBe('uploaded');
  return page;
}

/** Polls `GET /recordings/{id}` until processing leaves `queued`/`running`, within READY_TIMEOUT_MS. */
async function settled(id: string, headers: Record<string, string>): Promise<RecordingJson> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let recording: RecordingJson;
  do {
    const response = await fetch(`${server.url}/recordings/${id}`, { headers });
    expect(response.status, `GET /recordings/${id}: ${await response.clone().text()}`).toBe(200);
    recording = (await response.json()) as RecordingJson;
    if (recording.processing !== 'queued' && recording.processing !== 'running') return recording;
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < deadline);
  throw new Error(`recording ${id} still ${recording.processing} after ${READY_TIMEOUT_MS} ms:\n${server.output().slice(-4000)}`);
}

async function download(url: string, name: string): Promise<{ file: string; bytes: Buffer; contentType: string | null }> {
  const response = await fetch(new URL(url, server.url));
  expect(response.status, `GET ${name}`).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const file = join(workDir, name);
  await writeFile(file, bytes);
  return { file, bytes, contentType: response.headers.get('content-type') };
}

/** The end of the last packet of any stream (a starved fake camera may stop well before the audio). */
async function packetsEnd(file: string): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return Math.max(
    ...stdout.split('\n').map((line) => {
      const [pts, duration] = line.split(',').map((field) => Number.parseFloat(field ?? ''));
      return Number.isFinite(pts) ? (pts ?? 0) + (Number.isFinite(duration) ? (duration ?? 0) : 0) : 0;
    }),
  );
}

async function streamCodecs(file: string): Promise<string[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file]);
  return stdout.split('\n').filter((line) => line !== '').sort();
}

describe('server-side processing of a recording made in the demo', () => {
  it('becomes ready with a seekable WebM, an H.264/AAC MP4 and a JPEG poster, each downloadable', async () => {
    const room = 'e2e-processing';
    const page = await recordLoopbackCall(room, 5);
    const token = await page.evaluate(() => sessionStorage.getItem('call-recordings.token'));
    const headers = { Authorization: `Bearer ${token}` };
    const listed = (await (await fetch(`${server.url}/recordings?room_id=${room}`, { headers })).json()) as { recordings: RecordingJson[] };
    expect(listed.recordings).toHaveLength(1);

    const recording = await settled(listed.recordings[0]?.recording_id ?? '', headers);

    expect(recording.processing, recording.processing_error).toBe('ready');
    // The page watched that recording (watchProcessing) and refreshed its list by itself, without a
    // Refresh click; 30 s covers its 15 s step between looks.
    const row = page.locator(`[data-testid="recording-row"][data-recording-id="${recording.recording_id}"]`);
    await expect.poll(() => row.getAttribute('data-processing'), { timeout: 30_000 }).toBe('ready');
    expect(await row.getByTestId('mp4-download-link').count()).toBe(1);
    expect([recording.width, recording.height]).toEqual([1280, 720]);
    const renditions = recording.renditions ?? [];
    expect(renditions.map((r) => r.format).sort()).toEqual(['mp4', 'webm']);
    const durationSeconds = (recording.duration_ms ?? 0) / 1000;
    expect(durationSeconds).toBeGreaterThan(3.5);
    expect(durationSeconds).toBeLessThan(7);

    const webm = renditions.find((r) => r.format === 'webm');
    const seekable = await download(webm?.download_url ?? '', 'seekable.webm');
    expect(seekable.bytes.length).toBe(webm?.size);
    expect(seekable.bytes.includes(CUES_ID), 'the remuxed WebM carries Cues').toBe(true);
    const webmProbe = await probeMedia(seekable.file);
    expect(webmProbe.durationSeconds, 'the remuxed WebM carries a Duration').toBeDefined();
    expect(Math.abs((webmProbe.durationSeconds ?? 0) - (await packetsEnd(seekable.file)))).toBeLessThan(0.25);
    expect(Math.abs((webmProbe.durationSeconds ?? 0) - durationSeconds)).toBeLessThan(0.25);
    expect(await streamCodecs(seekable.file)).toEqual(['opus', 'vp8']);

    const mp4 = renditions.find((r) => r.format === 'mp4');
    expect(mp4?.content_type).toBe('video/mp4');
    const rendition = await download(mp4?.download_url ?? '', 'rendition.mp4');
    expect(rendition.bytes.length).toBe(mp4?.size);
    expect(await streamCodecs(rendition.file)).toEqual(['aac', 'h264']);
    const mp4Probe = await probeMedia(rendition.file);
    expect(Math.abs((mp4Probe.durationSeconds ?? 0) - durationSeconds)).toBeLessThan(0.25);
    expect(mp4Probe.videoStreams).toEqual([{ codec: 'h264', width: 1280, height: 720 }]);

    const poster = await download(recording.thumbnail_url ?? '', 'thumbnail.jpg');
    expect([...poster.bytes.subarray(0, 3)], 'JPEG magic').toEqual([0xff, 0xd8, 0xff]);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', poster.file]);
    expect(stdout.trim()).toBe('mjpeg,640,360');
    await page.close();
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../support/media-probe';
import { startRecordingsServer, type RunningServer } from '../support/recordings-server';
import { launchWebKit, rtcStandInScript, WEBKIT_MODES, type RunningWebKit } from '../support/webkit/webkit';

/**
 * The demo in Safari's engine (Debian's WebKitGTK 2.50 over WebKitWebDriver): in the ephemeral
 * session (`MiniBrowser --automation`, as Safari Private Browsing, where IndexedDB refuses Blobs)
 * and in a normal persistent one. The stand-ins (see test/support/webkit) announce themselves.
 */

/**
 * How long each session records: at least 9 s (the canvas draws ~21 frames/s here while capture
 * stamps 30/s, so files come out shorter than wall time). WebKit's H.264 of the demo's picture
 * comes to about 1 Mbit/s here whatever bit rate is asked (less on a loaded machine), so the
 * private session records on until the multipart upload started during the call (a whole 5 MiB
 * part; about 45 s, at most {@link PROGRESSIVE_WITHIN_MS}): the progressive path, where the real
 * engine once left the journal waiting for good.
 */
const RECORD_MS = 9_000;
const PROGRESSIVE_WITHIN_MS = 150_000;
const BITRATE = 8_000_000;

let server: RunningServer;
let workDir: string;

beforeAll(async () => {
  server = await startRecordingsServer();
  workDir = await mkdtemp(join(tmpdir(), 'call-recordings-webkit-e2e-'));
});

afterAll(async () => {
  await server?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const testId = (id: string) => `[data-testid="${id}"]`;

describe.each(WEBKIT_MODES)('the demo page in WebKit (%s session)', (mode) => {
  let webkit: RunningWebKit;

  beforeAll(async () => {
    webkit = await launchWebKit(mode, join(workDir, `${mode}-profile`));
  });

  afterAll(async () => {
    await webkit?.close();
  });

  /** Polls `expression` (a function body returning a boolean) in the page. */
  async function until(expression: string, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await webkit.session.execute<boolean>(expression))) {
      if (Date.now() > deadline) throw new Error(`${mode}: not within ${timeoutMs} ms: ${what}; page console:\n${(await consoleLines()).join('\n')}`);
      await sleep(200);
    }
  }

  const consoleLines = () => webkit.session.execute<string[]>('return window.__pageConsole ?? []');

  it('records a loopback call with a real click; parts go up during the call; the server completes the whole MP4', async () => {
    const room = `webkit-${mode}`;
    const { session } = webkit;
    await session.navigate(`${server.url}/?email=alice%40example.com&bitrate=${BITRATE}`);
    await until(`return document.querySelector('${testId('signed-in')}')?.textContent?.includes('alice@example.com') === true`, 15_000, 'signed in');
    // The harness's injections, before the page makes its call: a copy of the console for this
    // test, and the RTCPeerConnection stand-in (it logs "stand-in: …" in the page).
    await session.execute(`
      window.__pageConsole = [];
      for (const level of ['log', 'warn', 'error']) {
        const original = console[level].bind(console);
        console[level] = (...args) => (window.__pageConsole.push(args.map(String).join(' ')), original(...args));
      }
      `);
    await session.execute(await rtcStandInScript());
    await session.execute(`document.querySelector('#room').value = arguments[0]; document.querySelector('#loopback').checked = true;`, room);
    await session.click('#join-button');
    await until(`return document.querySelector('${testId('record-button')}')?.hasAttribute('disabled') === false && !document.querySelector('#call').hidden`, 15_000, 'record button enabled');

    await session.click(testId('record-button'));
    const started = Date.now();
    await until(`return /^🔴 REC 0:0[1-9]$/.test(document.querySelector('${testId('rec-indicator')}')?.textContent ?? '')`, 10_000, 'REC indicator running');
    await sleep(RECORD_MS - (Date.now() - started));
    if (mode === 'ephemeral') {
      await until(`return (window.__pageConsole ?? []).some((line) => line.startsWith('🧩 Progressive upload'))`, PROGRESSIVE_WITHIN_MS, 'the multipart upload started during the call');
      await sleep(1_000);
    }
    const beforeStop = await consoleLines();
    await session.click(testId('record-button'));
    const recordedSeconds = (Date.now() - started) / 1000;
    await until(`return document.querySelector('${testId('upload-status')}')?.getAttribute('data-state') === 'uploaded'`, 60_000, 'upload-status uploaded');
    const lines = await consoleLines();
    for (const line of lines.filter((text) => text.startsWith('stand-in:'))) console.log(`${mode} page: ${line}`);
    console.log(`${mode} page console:\n  ${lines.join('\n  ')}`);

    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^stand-in: RTCPeerConnection/), '✅ Recording uploaded successfully!']));
    expect(lines.filter((line) => line.startsWith('💾'))).toEqual([]);
    if (mode === 'ephemeral') {
      // Progressive: the multipart upload reached the API during the call (part 1 is held for the
      // Duration by a server that does not process recordings), and both parts went up.
      expect(beforeStop).toEqual(expect.arrayContaining([expect.stringMatching(/^🧩 Progressive upload of \S+ started/)]));
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^📤 Part 1 uploaded/), expect.stringMatching(/^📤 Part 2 uploaded/)]));
    }
    // Private Browsing's IndexedDB refuses Blobs but stores ArrayBuffers: the journal works, nothing to warn about.
    expect(await session.execute<boolean>(`return document.querySelector('${testId('storage-warning')}').hidden`)).toBe(true);

    await until(`return document.querySelector('${testId('recordings-list')} ${testId('recording-row')}[data-status="COMPLETED"]') !== null`, 15_000, 'a COMPLETED row');
    const [id, href, token] = await session.execute<[string, string, string]>(`
      const row = document.querySelector('${testId('recordings-list')} ${testId('recording-row')}[data-status="COMPLETED"]');
      return [row.getAttribute('data-recording-id'), row.querySelector('${testId('download-link')}').getAttribute('href'), sessionStorage.getItem('call-recordings.token')];`);
    const stored = await fetch(`${server.url}/recordings/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    const download = await fetch(new URL(href, server.url));
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(await stored.json()).toMatchObject({ recording_id: id, room_id: room, status: 'COMPLETED', size: bytes.length });
    if (mode === 'ephemeral') expect(bytes.length).toBeGreaterThan(5 * 1024 * 1024);
    const file = join(workDir, `${mode}.mp4`);
    await writeFile(file, bytes);
    const media = await probeMedia(file);
    console.log(`${mode}: ${bytes.length} bytes, ${JSON.stringify(media)}, recorded ${recordedSeconds.toFixed(1)} s`);
    expect(media.formatName).toContain('mp4');
    expect(media.videoStreams).toEqual([{ codec: 'h264', width: 1280, height: 720 }]);
    expect(media.audioStreams).toEqual([expect.objectContaining({ codec: 'aac' })]);
    // Frames come out slower than wall time on 2 CPU cores (see TESTING.md): the file is shorter
    // than the clicks apart (seen: 0.46 to 0.7 of it, the less the busier the machine), never longer.
    expect(media.durationSeconds ?? 0).toBeGreaterThan(Math.max(4, recordedSeconds * 0.3));
    expect(media.durationSeconds ?? 0).toBeLessThan(recordedSeconds + 1);
  }, 240_000);
});

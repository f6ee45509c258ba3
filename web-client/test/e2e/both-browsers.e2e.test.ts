import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_COLOUR, SYNTHETIC_FREQUENCY } from '../../src/demo/synthetic-party';
import { BROWSERS, launchBrowser, type BrowserName } from '../support/browsers';
import { distinctFramesPerSecond, frozenStretches, pixelsAt, probeMedia, toneLevels } from '../support/media-probe';
import { startRecordingsServer, type RunningServer } from '../support/recordings-server';

/** Where each browser's fake microphone is loud: Chromium's beep has a strong band at 1.2 kHz, Firefox plays a 1 kHz sine. */
const MICROPHONE_FREQUENCY: Record<BrowserName, number> = { chromium: 1_200, firefox: 1_000 };
/** Where neither party plays. */
const QUIET_FREQUENCY = 200;
/**
 * How long a peer that died without a word may take to be noticed: its connection fails when ICE
 * consent expires (30 s, RFC 7675). Seen here: 17.8 s in Chromium, 31.4 s in Firefox ESR.
 */
const PEER_DIED_NOTICED_MS = 60_000;

let server: RunningServer;
let workDir: string;

beforeAll(async () => {
  server = await startRecordingsServer();
  workDir = await mkdtemp(join(tmpdir(), 'call-recordings-browsers-e2e-'));
});

afterAll(async () => {
  await server?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const testId = (id: string) => `[data-testid="${id}"]`;

/**
 * Waits until `selector` matches an element that is (or is not) visible. Polls on a timer:
 * puppeteer's default polls on requestAnimationFrame, which a background tab does not run (in
 * Chromium driven by puppeteer, a tab behind another reports itself hidden).
 */
async function waitFor(page: Page, selector: string, { visible = true, timeout = 15_000 } = {}): Promise<void> {
  await page.waitForFunction(
    (query, shown) => {
      const element = document.querySelector(query);
      return shown ? element?.checkVisibility() === true : element === null || !element.checkVisibility();
    },
    { polling: 100, timeout },
    selector,
    visible,
  );
}

describe.each(BROWSERS)('the demo page in %s', (name) => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser(name, join(workDir, `${name}-profile`));
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function openLoopbackCall(room: string, extra = ''): Promise<{ page: Page; console: string[] }> {
    const page = await browser.newPage();
    const lines: string[] = [];
    page.on('console', (message) => lines.push(message.text()));
    await page.goto(`${server.url}/?email=alice%40example.com&room=${room}&loopback=1${extra}`);
    await waitFor(page, `${testId('record-button')}:not([disabled])`);
    // Nothing waits for recovery in a fresh room, so the recovery panel must not show (the demo's CSS once overrode `hidden`).
    expect(await page.$eval(testId('recovery-list'), (element) => (element as HTMLElement).checkVisibility())).toBe(false);
    return { page, console: lines };
  }

  it('records a 6 s loopback call with a real click, uploads it, and the download is seekable and shows and sounds like both parties', async () => {
    const room = `e2e-${name}-1`;
    const { page, console } = await openLoopbackCall(room);
    expect(await page.$eval(testId('record-button'), (button) => button.getAttribute('data-color'))).toBe('blue');
    await page.click(testId('record-button'));
    const started = Date.now();
    await page.waitForFunction((selector) => /^🔴 REC 0:0[1-9]$/.test(document.querySelector(selector)?.textContent ?? ''), { timeout: 5_000 }, testId('rec-indicator'));
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await page.$eval(testId('recording-warning'), (element) => (element as HTMLElement).hidden)).toBe(true);
    await page.click(testId('record-button'));
    const recordedSeconds = (Date.now() - started) / 1000;

    await waitFor(page, `${testId('upload-status')}[data-state="uploaded"]`, { timeout: 30_000 });
    const row = await page.waitForSelector(`${testId('recordings-list')} ${testId('recording-row')}[data-status="COMPLETED"]`, { timeout: 10_000 });
    const href = await row?.$eval(testId('download-link'), (link) => link.getAttribute('href'));
    expect(console).toEqual(expect.arrayContaining(['🎥 Starting recording...', '✅ Recording uploaded successfully!']));
    const download = await fetch(new URL(href ?? '', server.url));
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    const file = join(workDir, `${name}-downloaded.webm`);
    await writeFile(file, bytes);
    const token = await page.evaluate(() => sessionStorage.getItem('call-recordings.token'));
    const id = await row?.evaluate((element) => element.getAttribute('data-recording-id'));
    const stored = await fetch(`${server.url}/recordings/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ recording_id: id, room_id: room, status: 'COMPLETED', size: bytes.length });

    const media = await probeMedia(file);
    expect(media.videoStreams).toEqual([{ codec: 'vp8', width: 1280, height: 720 }]);
    expect(media.audioStreams).toHaveLength(1);
    expect(media.meanVolumeDb).toBeGreaterThan(-40);
    expect(media.lastVideoPacketSeconds).toBeGreaterThan(4);
    // Seekable: the Duration written at stop is the time between the two clicks.
    expect(Math.abs((media.durationSeconds ?? 0) - recordedSeconds)).toBeLessThan(1);
    // The camera on the left, the loopback's synthetic other party (magenta) on the right.
    const [left, right] = await pixelsAt(file, Math.min(4, media.lastVideoPacketSeconds), 1280, [{ x: 320, y: 360 }, { x: 960, y: 360 }]);
    const magenta = (rgb: [number, number, number] | undefined) => rgb !== undefined && rgb.every((value, index) => Math.abs(value - (SYNTHETIC_COLOUR[index] ?? 0)) <= 40);
    expect([magenta(left), magenta(right)]).toEqual([false, true]);
    const [microphone, other, quiet] = (await toneLevels(file, [MICROPHONE_FREQUENCY[name], SYNTHETIC_FREQUENCY, QUIET_FREQUENCY])) as [number, number, number];
    expect({ microphone: microphone - quiet > 15, other: other - quiet > 15, levels: [microphone, other, quiet] }).toMatchObject({ microphone: true, other: true });
    await page.close();
  });

  it('connects two tabs of one room over BroadcastChannel; while one records, the other shows "● This call is being recorded"', async () => {
    const first = await browser.newPage();
    const second = await browser.newPage();
    await first.goto(`${server.url}/?email=bob%40example.com&room=e2e-${name}-two-tabs`);
    await second.goto(`${server.url}/?email=carol%40example.com&room=e2e-${name}-two-tabs`);
    for (const page of [first, second]) {
      await waitFor(page, `${testId('record-button')}:not([disabled])`);
      expect(await page.$eval('room-info-panel', (panel) => panel.textContent)).toContain('👥 2 participants');
    }
    const notice = testId('peer-recording-notice');
    const shown = (page: Page) => page.$eval(notice, (element) => (element as HTMLElement).checkVisibility());
    expect([await shown(first), await shown(second)]).toEqual([false, false]);

    await first.bringToFront();
    await first.click(testId('record-button'));
    await waitFor(second, notice, { timeout: 10_000 });
    expect(await second.$eval(notice, (element) => element.textContent)).toBe('● This call is being recorded');
    expect(await shown(first)).toBe(false);
    await first.click(testId('record-button'));
    await waitFor(second, notice, { visible: false, timeout: 10_000 });
    await waitFor(first, `${testId('upload-status')}[data-state="uploaded"]`, { timeout: 30_000 });

    // The other tab leaves (pagehide says 'bye' over the channel). It navigates away rather than
    // closing: a tab closed over WebDriver BiDi may be torn down in Firefox before its 'bye' is out.
    await second.goto('about:blank');
    await waitFor(first, `${testId('record-button')}[disabled]`, { timeout: 10_000 });
    await second.close();
    await first.close();
  });

  it('notices a peer whose page died without a word (no pagehide, no bye): its connection fails, and the recording goes on without it and uploads', async () => {
    const first = await browser.newPage();
    const second = await browser.newPage();
    // The other page dies without running its pagehide handler, as a crashed renderer or a tab
    // torn down at once: no 'bye' over the channel, and its RTCPeerConnection is never closed.
    await second.evaluateOnNewDocument(() => window.addEventListener('pagehide', (event) => event.stopImmediatePropagation(), { capture: true }));
    await first.goto(`${server.url}/?email=dave%40example.com&room=e2e-${name}-peer-died`);
    await second.goto(`${server.url}/?email=erin%40example.com&room=e2e-${name}-peer-died`);
    for (const page of [first, second]) {
      await waitFor(page, `${testId('record-button')}:not([disabled])`);
    }
    await first.bringToFront();
    await first.click(testId('record-button'));
    await waitFor(second, testId('peer-recording-notice'), { timeout: 10_000 });

    const died = Date.now();
    await second.close();
    await first.waitForFunction(() => document.querySelector('room-info-panel')?.textContent?.includes('⌛ Waiting for the other participant') === true, { polling: 100, timeout: PEER_DIED_NOTICED_MS });
    const noticedMs = Date.now() - died;
    console.log(`${name}: a peer that died without a word was noticed after ${noticedMs} ms`);
    // As after a 'bye': the recording goes on (the other party's tile a placeholder) until stopped.
    expect(await first.$eval(testId('record-button'), (button) => button.getAttribute('data-color'))).toBe('orange');
    await first.click(testId('record-button'));
    await waitFor(first, `${testId('upload-status')}[data-state="uploaded"]`, { timeout: 30_000 });
    await first.close();
  });

  it('keeps the recording moving, at 10 distinct frames per second or more, while its tab is hidden for 20 s behind another', async () => {
    // At 360p: what is measured is the hidden tab, not how fast this shared machine encodes 720p.
    const { page } = await openLoopbackCall(`e2e-${name}-hidden`, '&quality=360p');
    const visibility = () => page.evaluate(() => document.visibilityState);
    await page.click(testId('record-button'));
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;
    await sleep(2_000);
    const cover = await browser.newPage();
    await cover.bringToFront();
    await page.waitForFunction(() => document.visibilityState === 'hidden', { polling: 100, timeout: 10_000 });
    const hiddenAt = seconds();
    await sleep(20_000);
    expect(await visibility()).toBe('hidden');
    const shownAt = seconds();
    await page.bringToFront();
    await page.waitForFunction(() => document.visibilityState === 'visible', { polling: 100, timeout: 10_000 });
    await cover.close();
    await sleep(1_000);
    await page.click(testId('record-button'));

    await waitFor(page, `${testId('upload-status')}[data-state="uploaded"]`, { timeout: 60_000 });
    const row = await page.waitForSelector(`${testId('recordings-list')} ${testId('recording-row')}[data-status="COMPLETED"]`, { timeout: 10_000 });
    const href = await row?.$eval(testId('download-link'), (link) => link.getAttribute('href'));
    const file = join(workDir, `${name}-hidden.webm`);
    await writeFile(file, Buffer.from(await (await fetch(new URL(href ?? '', server.url))).arrayBuffer()));
    // A second of margin at each end for the file's clock against this one.
    const rate = await distinctFramesPerSecond(file, hiddenAt + 1, shownAt - 1);
    expect(rate).toBeGreaterThanOrEqual(10);
    expect(await frozenStretches(file, 1)).toEqual([]);
    await page.close();
  }, 180_000);
});

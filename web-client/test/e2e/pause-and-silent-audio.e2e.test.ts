import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchBrowser } from '../support/browsers';
import { launchFirefox } from '../support/firefox';
import { probeMedia, toneLevels } from '../support/media-probe';
import { startRecordingsServer, type RunningServer } from '../support/recordings-server';

/** Long enough that a file holding the pause would miss the tolerance by far. */
const PAUSE_MS = 8_000;
/** Firefox's fake microphone plays a 1 kHz sine; 200 Hz is where nothing plays. */
const FIREFOX_MICROPHONE_FREQUENCY = 1_000;
const QUIET_FREQUENCY = 200;

let server: RunningServer;
let workDir: string;

beforeAll(async () => {
  server = await startRecordingsServer();
  workDir = await mkdtemp(join(tmpdir(), 'call-recordings-pause-e2e-'));
});

afterAll(async () => {
  await server?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const testId = (id: string) => `[data-testid="${id}"]`;
const text = (page: Page, id: string) => page.$eval(testId(id), (element) => element.textContent ?? '');
const visible = (page: Page, id: string) => page.$eval(testId(id), (element) => (element as HTMLElement).checkVisibility());

/** Waits until the element shows `pattern` (polling on a timer, not on animation frames). */
async function waitForText(page: Page, id: string, pattern: RegExp, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (selector, source) => new RegExp(source, 'u').test(document.querySelector(selector)?.textContent ?? ''),
    { polling: 100, timeout },
    testId(id),
    pattern.source,
  );
}

/** Waits for `selector` on a timer: puppeteer's default polls on animation frames, which a tab behind another does not run. */
async function waitForSelector(page: Page, selector: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction((query) => document.querySelector(query) !== null, { polling: 100, timeout }, selector);
}

async function openLoopbackCall(browser: Browser, room: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/?email=alice%40example.com&room=${room}&loopback=1&quality=360p`);
  await waitForSelector(page, `${testId('record-button')}:not([disabled])`);
  return page;
}

/** Stops with the record button, waits for the upload, and downloads the listed recording. */
async function stopAndDownload(page: Page, file: string): Promise<void> {
  await page.click(testId('record-button'));
  await waitForSelector(page, `${testId('upload-status')}[data-state="uploaded"]`, 60_000);
  const row = await page.waitForSelector(`${testId('recordings-list')} ${testId('recording-row')}[data-status="COMPLETED"]`, { timeout: 10_000 });
  const href = await row?.$eval(testId('download-link'), (link) => link.getAttribute('href'));
  const download = await fetch(new URL(href ?? '', server.url));
  expect(download.status).toBe(200);
  await writeFile(file, Buffer.from(await download.arrayBuffer()));
}

describe.each(BROWSERS)('pause and resume on the demo page in %s', (name) => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser(name, join(workDir, `${name}-profile`));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('records, pauses for 8 s, resumes and stops: the indicator stands still while paused, and the uploaded file holds the recorded time only', async () => {
    const page = await openLoopbackCall(browser, `pause-${name}`);
    expect(await visible(page, 'pause-button')).toBe(false);
    await page.click(testId('record-button'));
    const started = Date.now();
    await waitForText(page, 'rec-indicator', /^🔴 REC 0:0[1-9]$/);
    await sleep(3_000 - (Date.now() - started));
    expect(await text(page, 'pause-button')).toBe('⏸ Pause');

    await page.click(testId('pause-button'));
    const pausedAt = Date.now();
    await waitForText(page, 'rec-indicator', /^⏸ PAUSED 0:0[2-4]$/, 5_000);
    const pausedIndicator = await text(page, 'rec-indicator');
    expect(await text(page, 'pause-button')).toBe('▶ Resume');
    await sleep(PAUSE_MS - (Date.now() - pausedAt));
    // The timer stopped: the same time, still paused, 8 s later.
    expect(await text(page, 'rec-indicator')).toBe(pausedIndicator);

    await page.click(testId('pause-button'));
    const resumedAt = Date.now();
    await waitForText(page, 'rec-indicator', /^🔴 REC /, 5_000);
    // Counting on from the paused time, not from the wall clock.
    const pausedSeconds = Number(pausedIndicator.slice(-2));
    const resumedSeconds = Number((await text(page, 'rec-indicator')).slice(-2));
    expect(resumedSeconds - pausedSeconds).toBeGreaterThanOrEqual(0);
    expect(resumedSeconds - pausedSeconds).toBeLessThanOrEqual(2);
    await sleep(3_000 - (Date.now() - resumedAt));
    const stoppedAt = Date.now();
    const file = join(workDir, `${name}-paused.webm`);
    await stopAndDownload(page, file);
    const recordedSeconds = (stoppedAt - started - (resumedAt - pausedAt)) / 1000;
    const wallSeconds = (stoppedAt - started) / 1000;

    const media = await probeMedia(file);
    console.log(`${name}: recorded ${recordedSeconds} s over ${wallSeconds} s of wall time; Duration ${media.durationSeconds} s, last video packet ${media.lastVideoPacketSeconds} s`);
    expect(media.videoStreams).toHaveLength(1);
    expect(media.audioStreams).toHaveLength(1);
    // The canvas drops frames under load, hence the tolerance; the pause (8 s) is far outside it.
    expect(Math.abs((media.durationSeconds ?? 0) - recordedSeconds)).toBeLessThan(1.5);
    expect(Math.abs(media.lastVideoPacketSeconds - recordedSeconds)).toBeLessThan(2);
    expect(await visible(page, 'pause-button')).toBe(false);
    await page.close();
  }, 120_000);

  it('tells the other tab of the call while the recording is paused, and again when it goes on', async () => {
    const first = await browser.newPage();
    const second = await browser.newPage();
    await first.goto(`${server.url}/?email=bob%40example.com&room=pause-${name}-two-tabs&quality=360p`);
    await second.goto(`${server.url}/?email=carol%40example.com&room=pause-${name}-two-tabs&quality=360p`);
    for (const page of [first, second]) {
      await waitForSelector(page, `${testId('record-button')}:not([disabled])`);
    }
    await first.bringToFront();
    await first.click(testId('record-button'));
    // The notice holds this text while hidden, before any message: wait for it to show.
    await second.waitForFunction((selector) => document.querySelector<HTMLElement>(selector)?.hidden === false,
      { polling: 100, timeout: 10_000 }, testId('peer-recording-notice'));
    await waitForText(second, 'peer-recording-notice', /^● This call is being recorded$/);
    expect(await visible(second, 'peer-recording-notice')).toBe(true);

    await first.click(testId('pause-button'));
    await waitForText(second, 'peer-recording-notice', /^⏸ Recording of this call is paused$/);
    expect(await visible(second, 'peer-recording-notice')).toBe(true);
    await first.click(testId('pause-button'));
    await waitForText(second, 'peer-recording-notice', /^● This call is being recorded$/);

    await first.click(testId('record-button'));
    await second.waitForFunction((selector) => document.querySelector<HTMLElement>(selector)?.hidden === true, { polling: 100, timeout: 10_000 }, testId('peer-recording-notice'));
    await waitForSelector(first, `${testId('upload-status')}[data-state="uploaded"]`, 60_000);
    await second.close();
    await first.close();
  }, 120_000);
});

describe('Firefox without a sound output', () => {
  let browser: Browser;

  beforeAll(async () => {
    // No PulseAudio server at this address and no sound card on the machine: Firefox has no
    // output device, so no AudioContext ever runs (its resume() never settles), gesture or not.
    browser = await launchFirefox({ userDataDir: join(workDir, 'firefox-silent-profile'), env: { ...process.env, PULSE_SERVER: `unix:${join(workDir, 'no-sound-server')}` } });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('records the microphone directly, says so (and offers to retry the mix) before the stop, and the uploaded file has its sound', async () => {
    const page = await openLoopbackCall(browser, 'silent-firefox');
    await page.click(testId('record-button'));
    const started = Date.now();
    await waitForText(page, 'recording-warning', /only your microphone is recorded, not the other party/);
    const warnedAfterMs = Date.now() - started;
    expect(await visible(page, 'recording-warning')).toBe(true);
    expect(await text(page, 'recording-warning')).toBe('⚠️ the audio mix is not running (audio suspended): only your microphone is recorded, not the other party');
    expect(await visible(page, 'retry-audio-button')).toBe(true);
    expect(await page.evaluate(() => new AudioContext().state)).toBe('suspended');

    // The retry cannot help without an output device, and says so; the recording goes on.
    await page.click(testId('retry-audio-button'));
    await waitForText(page, 'recording-warning', /still does not start \(audio suspended\): only your microphone is recorded/);
    expect(await page.$eval(testId('record-button'), (button) => button.getAttribute('data-state'))).toBe('recording');
    await sleep(6_000 - (Date.now() - started));
    const file = join(workDir, 'firefox-silent.webm');
    await stopAndDownload(page, file);

    const media = await probeMedia(file);
    const [microphone, quiet] = (await toneLevels(file, [FIREFOX_MICROPHONE_FREQUENCY, QUIET_FREQUENCY])) as [number, number];
    console.log(`firefox without output: warned ${warnedAfterMs} ms after the click; mean ${media.meanVolumeDb} dB, 1 kHz ${microphone} dB, 200 Hz ${quiet} dB`);
    expect(media.audioStreams).toHaveLength(1);
    // Silence is about -91 dB; a plain MediaRecorder of this microphone measured -23 dB.
    expect(media.meanVolumeDb).toBeGreaterThan(-40);
    expect(microphone - quiet).toBeGreaterThan(15);
    // From the click on: the microphone take records beside the mix from the start.
    expect(Math.abs((media.durationSeconds ?? 0) - media.lastVideoPacketSeconds)).toBeLessThan(1.5);
    expect(media.lastVideoPacketSeconds).toBeGreaterThan(4);
    await page.close();
  }, 120_000);
});

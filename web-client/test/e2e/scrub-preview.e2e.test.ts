import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchBrowser } from '../support/browsers';
import { until } from '../support/media-viewer';
import { startRecordingsServer, type RunningServer } from '../support/recordings-server';

const run = promisify(execFile);
const READY_TIMEOUT_MS = 120_000;
const USER = 'sam@example.com';
/** The recording's length: 15 storyboard frames, 2 s apart. */
const LENGTH_S = 30;
/** The moment hovered: the middle of a cue (12–14 s), well away from its edges. */
const HOVERED_S = 13;

let server: RunningServer;
let workDir: string;
let token: string;
let id: string;
/** The storyboard's cues as the server wrote them: start, end, and the region of the sprite. */
let cues: { start: number; end: number; x: number; y: number; w: number; h: number }[];

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
}

function seconds(stamp: string): number {
  const [h, m, s] = stamp.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

/** Parses the track the server answers (read here, outside the browser, to check the page against). */
function parseTrack(vtt: string): typeof cues {
  return [...vtt.matchAll(/(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\nstoryboard\.jpg#xywh=(\d+),(\d+),(\d+),(\d+)/g)]
    .map((m) => ({ start: seconds(m[1] ?? ''), end: seconds(m[2] ?? ''), x: Number(m[3]), y: Number(m[4]), w: Number(m[5]), h: Number(m[6]) }));
}

async function share(body: object = {}): Promise<{ url: string }> {
  const created = await api(`/recordings/${id}/shares`, { method: 'POST', body: JSON.stringify(body) });
  expect(created.status).toBe(201);
  return (await created.json()) as { url: string };
}

/**
 * Hovers the seek bar under `scope` at {@link HOVERED_S} and checks the preview: the moment it
 * names is the one under the pointer, and its frame is that moment's cue's region of the sprite.
 */
async function hoverAndCheck(page: Page, scope: string): Promise<void> {
  await page.waitForSelector(`${scope} .scrub:not([hidden]) input`, { timeout: 20_000 });
  const duration = await until(() => page.$eval(`${scope} video`, (v) => v.duration), (d) => Number.isFinite(d) && d > 0, 'metadata');
  const bar = await page.$(`${scope} .scrub input`);
  await bar?.scrollIntoView();
  const box = await bar?.boundingBox();
  if (box === null || box === undefined) throw new Error('the seek bar has no box');
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.move(box.x + (box.width * HOVERED_S) / duration, box.y + box.height / 2, { steps: 3 });
  const shown = await until(() => page.$eval(`${scope} .scrub-preview`, (p) => ({
    hidden: (p as HTMLElement).hidden,
    time: Number((p as HTMLElement).dataset.time),
    position: ((p.querySelector('.scrub-frame') as HTMLElement).style.backgroundPosition),
    image: ((p.querySelector('.scrub-frame') as HTMLElement).style.backgroundImage),
    width: (p.querySelector('.scrub-frame') as HTMLElement).getBoundingClientRect().width,
    label: p.querySelector('.scrub-time')?.textContent,
  })), (s) => !s.hidden && Math.abs(s.time - HOVERED_S) < 0.5, 'the preview at the hovered moment');
  // A pixel of the bar is duration / width seconds; the pointer lands within one.
  expect(Math.abs(shown.time - HOVERED_S)).toBeLessThanOrEqual((2 * duration) / box.width);
  const cue = cues.find((c) => shown.time >= c.start && shown.time < c.end);
  expect(cue, `a cue covers ${shown.time}`).toBeDefined();
  expect(shown.position).toBe(`${-(cue?.x ?? NaN)}px ${-(cue?.y ?? NaN)}px`);
  expect(shown.width).toBe(cue?.w);
  expect(shown.image).toMatch(/\/media\/storyboard\.jpg(\?grant=[^#"]+)?"\)$/);
  expect(shown.label).toMatch(/^0:1[23]$/);
  // The sprite itself loads from where the preview points (same origin, under img-src).
  const loaded = await page.$eval(`${scope} .scrub-frame`, (f) => new Promise<number>((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image.naturalWidth);
    image.onerror = () => resolve(-1);
    image.src = /url\("(.*)"\)/.exec((f as HTMLElement).style.backgroundImage)?.[1] ?? '';
  }));
  expect(loaded).toBe(10 * (cue?.w ?? 0));
}

beforeAll(async () => {
  server = await startRecordingsServer({ RECORDING_PROCESSING_ENABLED: 'true' });
  workDir = await mkdtemp(join(tmpdir(), 'call-recordings-scrub-e2e-'));
  const file = join(workDir, 'pattern.webm');
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=320x240:rate=15:duration=${LENGTH_S}`, '-f', 'lavfi', '-i',
    `sine=frequency=440:duration=${LENGTH_S}`, '-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '200k', '-c:a', 'libopus', '-y', file]);
  const bytes = await readFile(file);
  token = ((await (await fetch(`${server.url}/dev/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: USER }),
  })).json()) as { token: string }).token;
  const ticket = (await (await api('/recordings/upload-url', {
    method: 'POST', body: JSON.stringify({ room_id: 'e2e-scrub', size: bytes.length }),
  })).json()) as { upload_url: string; recording_id: string; upload_headers: Record<string, string> };
  expect((await fetch(ticket.upload_url, { method: 'PUT', headers: ticket.upload_headers, body: bytes })).status).toBe(200);
  expect((await api(`/recordings/${ticket.recording_id}/complete`, { method: 'POST' })).status).toBe(200);
  id = ticket.recording_id;
  const recording = await until(async () => (await (await api(`/recordings/${id}`)).json()) as { processing?: string; storyboard_url?: string },
    (r) => r.processing !== 'queued' && r.processing !== 'running', 'processing', READY_TIMEOUT_MS);
  expect(recording.processing, server.output().slice(-3000)).toBe('ready');
  expect(recording.storyboard_url).toBeDefined();
  cues = parseTrack(await (await api(`/recordings/${id}/media/storyboard.vtt`)).text());
  // One cue per 2 s (a last short one when the audio runs a little past 30 s).
  expect(cues.length).toBeGreaterThanOrEqual(LENGTH_S / 2);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

describe.each(BROWSERS)('scrubbing previews and deep links in %s', (name) => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser(name, join(workDir, `${name}-profile`));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it(`shows the storyboard frame of the moment hovered on the watch page's seek bar, and the arrow keys seek`, async () => {
    const link = await share();
    const page = await browser.newPage();
    expect((await page.goto(link.url))?.status()).toBe(200);
    await hoverAndCheck(page, 'main');
    // Keyboard: the bar is a range input; a key press seeks the video one second on.
    await page.focus('.scrub input');
    await page.keyboard.press('ArrowRight');
    await until(() => page.$eval('video', (v) => v.currentTime), (t) => t >= 1 && t < 2, 'the arrow key to seek');
    await page.close();
  });

  it('shows the storyboard frame of the moment hovered in the library', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/library?email=${USER}#recording-${id}`);
    const play = await page.waitForSelector(`[data-recording-id="${id}"] [data-action="play"]`, { timeout: 20_000 });
    await play?.click();
    await hoverAndCheck(page, `[data-recording-id="${id}"]`);
    await page.close();
  });

  it('starts a passcode link at its #t= moment once the passcode is entered', async () => {
    const link = await share({ passcode: 'blue whale 42' });
    const page = await browser.newPage();
    expect((await page.goto(`${link.url}#t=0:20`))?.status()).toBe(401);
    await page.type('#passcode', 'wrong one');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.content()).toContain('That passcode is wrong');
    await page.type('#passcode', 'blue whale 42');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    const at = await until(() => page.$eval('video', (v) => ({ time: v.currentTime, error: v.error?.code ?? null })),
      (s) => Math.abs(s.time - 20) < 0.5, 'starting at 0:20 after the passcode');
    expect(at.error).toBeNull();
    // The scrubbing preview works behind a passcode too: its track and sprite carry the grant.
    await hoverAndCheck(page, 'main');
    await page.close();
  });
});

describe('the watch page without scripts', () => {
  it('is the plain <video>: no seek bar, and the storyboard track is never fetched', async () => {
    const browser = await launchBrowser('chromium', join(workDir, 'noscript-profile'));
    try {
      const link = await share();
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      const fetched: string[] = [];
      page.on('request', (request) => fetched.push(request.url()));
      expect((await page.goto(link.url))?.status()).toBe(200);
      await page.waitForSelector('video');
      expect(await page.$eval('#scrub', (s) => (s as HTMLElement).hidden)).toBe(true);
      expect(await page.$eval('#scrub', (s) => getComputedStyle(s).display)).toBe('none');
      expect(fetched.filter((url) => url.includes('storyboard'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

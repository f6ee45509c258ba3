import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchBrowser } from '../support/browsers';
import { pausePast, playThenPause, seekNearTheEndAndPlay, state, until } from '../support/media-viewer';
import { startRecordingsServer, type RunningServer } from '../support/recordings-server';

const run = promisify(execFile);
/** The media URLs the server hands out live this long; the viewer pauses for longer. */
const MEDIA_URL_LIFETIME_S = 2;
const USER = 'vera@example.com';

let server: RunningServer;
let workDir: string;
let bytes: Uint8Array<ArrayBuffer>;
let token: string;

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
}

/** Uploads the long MP4 as a recording of its own (processing is off: the original plays, in every browser). */
async function recording(): Promise<string> {
  const ticket = (await (await api('/recordings/upload-url', {
    method: 'POST', body: JSON.stringify({ room_id: 'e2e-media', filename: 'long-call.mp4', content_type: 'video/mp4', size: bytes.length }),
  })).json()) as { upload_url: string; recording_id: string; upload_headers: Record<string, string> };
  expect((await fetch(ticket.upload_url, { method: 'PUT', headers: ticket.upload_headers, body: bytes })).status).toBe(200);
  expect((await api(`/recordings/${ticket.recording_id}/complete`, { method: 'POST' })).status).toBe(200);
  return ticket.recording_id;
}

async function share(id: string): Promise<{ url: string; share_id: string }> {
  const created = await api(`/recordings/${id}/shares`, { method: 'POST', body: '{}' });
  expect(created.status).toBe(201);
  return (await created.json()) as { url: string; share_id: string };
}

beforeAll(async () => {
  server = await startRecordingsServer({ RECORDING_SHARES_MEDIA_URL_EXPIRY: `${MEDIA_URL_LIFETIME_S}s` });
  workDir = await mkdtemp(join(tmpdir(), 'call-recordings-media-e2e-'));
  // 90 s of noise at ~6 Mbit/s (~65 MB): more than a paused player buffers, so a seek to the end fetches again.
  const file = join(workDir, 'long-call.mp4');
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25,noise=alls=40:allf=t', '-f', 'lavfi',
    '-i', 'sine=frequency=440', '-t', '90', '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '6M', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-movflags', '+faststart', '-y', file]);
  bytes = await readFile(file);
  token = ((await (await fetch(`${server.url}/dev/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: USER }),
  })).json()) as { token: string }).token;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

describe.each(BROWSERS)('a viewer of a long recording in %s', (name) => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser(name, join(workDir, `${name}-profile`));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it(`watches a share link, pauses past the ${MEDIA_URL_LIFETIME_S} s media URL life, seeks near the end and plays on; one view is counted`, async () => {
    const id = await recording();
    const link = await share(id);
    const page = await browser.newPage();
    expect((await page.goto(link.url))?.status()).toBe(200);
    expect(await page.$eval('video source', (s) => s.getAttribute('src'))).toMatch(/^\/s\/[A-Za-z0-9_-]{43}\/media\/original$/);
    await playThenPause(page);
    await pausePast(MEDIA_URL_LIFETIME_S);
    const target = await seekNearTheEndAndPlay(page);
    const after = await until(() => state(page), (s) => s.time > target + 1 || s.error !== null, 'playing on after the seek');
    expect(after.error).toBeNull();
    const views = ((await (await api(`/recordings/${id}/shares`)).json()) as { shares: { views: number }[] }).shares[0]?.views;
    expect(views, 'one page load, many range requests: one view').toBe(1);
    await page.close();
  });

  it('sees the next request refused once the owner revokes the link mid-play', async () => {
    const id = await recording();
    const link = await share(id);
    const page = await browser.newPage();
    await page.goto(link.url);
    await playThenPause(page);
    expect((await api(`/recordings/${id}/shares/${link.share_id}`, { method: 'DELETE' })).status).toBe(204);
    await seekNearTheEndAndPlay(page);
    // The page reloads its media once after a network error; refused again, the player stops.
    const after = await until(() => state(page), (s) => s.error !== null || s.noSource, 'the refusal to reach the player');
    expect(after.time, "it did not play on past the seek").toBeLessThan(83);
    await page.close();
  });

  it('plays from the library, pauses past the media URL life, seeks near the end and plays on; a deletion stops the next request', async () => {
    const id = await recording();
    const page = await browser.newPage();
    await page.goto(`${server.url}/library?email=${USER}#recording-${id}`);
    const play = await page.waitForSelector(`[data-recording-id="${id}"] [data-action="play"]`, { timeout: 20_000 });
    await play?.click();
    await page.waitForSelector(`[data-recording-id="${id}"] video`, { timeout: 20_000 });
    expect(await page.$eval(`[data-recording-id="${id}"] video source`, (s) => s.getAttribute('src')))
      .toBe(`/recordings/${id}/media/original`);
    await playThenPause(page);
    await pausePast(MEDIA_URL_LIFETIME_S);
    const target = await seekNearTheEndAndPlay(page);
    const after = await until(() => state(page), (s) => s.time > target + 1 || s.error !== null, 'playing on after the seek');
    expect(after.error).toBeNull();

    await page.$eval('video', (v) => { v.pause(); v.currentTime = 2; });
    await until(() => state(page), (s) => s.time < 3, 'back at the start');
    const paused = await state(page);
    expect((await api(`/recordings/${id}`, { method: 'DELETE' })).status).toBe(204);
    await page.$eval('video', (v, at) => { v.currentTime = at; void v.play().catch(() => undefined); }, paused.duration - 30);
    // The first refusal is met by opening the media again once; that is refused too, and the player stops.
    await until(() => state(page), (s) => s.error !== null || s.noSource, 'the refusal to reach the player');
    await page.close();
  });

  it('starts a share link at #t=1:10 and copies a link at the current moment', async () => {
    const link = await share(await recording());
    const page = await browser.newPage();
    await page.goto(`${link.url}#t=1:10`);
    const at = await until(() => state(page), (s) => Math.abs(s.time - 70) < 0.5, 'starting at 1:10', 20_000);
    expect(at.error).toBeNull();
    await page.click('#copy-moment');
    const copied = await until(() => page.$eval('#moment-link', (o) => (o as HTMLInputElement).value), (v) => v !== '', 'the link at this moment', 10_000);
    expect(copied).toBe(`${link.url}#t=1:10`);
    await page.close();
  });

  it('starts the library at #recording-<id>&t=83', async () => {
    const id = await recording();
    const page = await browser.newPage();
    await page.goto(`${server.url}/library?email=${USER}#recording-${id}&t=83`);
    await page.waitForSelector(`[data-recording-id="${id}"] video`, { timeout: 20_000 });
    const at = await until(() => state(page), (s) => s.time >= 83 && s.time < 85, 'starting at 83 s', 20_000);
    expect(at.error).toBeNull();
    await page.close();
  });
});

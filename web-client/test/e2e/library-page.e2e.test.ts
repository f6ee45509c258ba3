import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { startRecordingsServer, type RunningServer } from '../support/recordings-server';

const run = promisify(execFile);
const READY_TIMEOUT_MS = 90_000;
/** Where the screenshots are kept, beside the other test output (the watch page test's too). */
const SCREENSHOTS = join(import.meta.dirname, '../../test-results');
const USER = 'libby@example.com';

let server: RunningServer;
let browser: Browser;
let signedIn: BrowserContext;
let workDir: string;
let token: string;
/** The two recordings, by room. */
const ids: Record<'standup' | 'design', string> = { standup: '', design: '' };
const violations: string[] = [];

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
}

/** Uploads and completes a copy of the test-pattern WebM under its own room and file name. */
async function upload(bytes: Uint8Array<ArrayBuffer>, room: string, filename: string): Promise<string> {
  const ticket = (await (await api('/recordings/upload-url', {
    method: 'POST', body: JSON.stringify({ room_id: room, filename, size: bytes.length }),
  })).json()) as { upload_url: string; recording_id: string; upload_headers: Record<string, string> };
  expect((await fetch(ticket.upload_url, { method: 'PUT', headers: ticket.upload_headers, body: bytes })).status).toBe(200);
  expect((await api(`/recordings/${ticket.recording_id}/complete`, { method: 'POST' })).status).toBe(200);
  return ticket.recording_id;
}

async function untilReady(id: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const recording = (await (await api(`/recordings/${id}`)).json()) as { processing?: string };
    if (recording.processing === 'ready') return;
    expect(recording.processing, server.output().slice(-2000)).not.toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`recording ${id} not ready after ${READY_TIMEOUT_MS} ms:\n${server.output().slice(-4000)}`);
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
  return page;
}

/** A signed-in tab on the library with both recordings listed (sessionStorage keeps a sign-in per tab, so each page signs in). */
async function openLibrary(): Promise<Page> {
  const page = await newPage(signedIn);
  await page.goto(`${server.url}/library?email=${USER}`);
  await expect.poll(() => cards(page).count(), { timeout: 20_000 }).toBe(2);
  return page;
}

const cards = (page: Page) => page.getByTestId('library-card');
const roomsShown = (page: Page) => page.locator('[data-testid="library-card"] dd[data-fact="room"]').allTextContents();

beforeAll(async () => {
  // Processing on: the cards show posters and play the MP4 rendition, as a user's would.
  server = await startRecordingsServer({ RECORDING_PROCESSING_ENABLED: 'true' });
  workDir = await mkdtemp(join(tmpdir(), 'call-recordings-library-e2e-'));
  const file = join(workDir, 'pattern.webm');
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-f', 'lavfi', '-i',
    'sine=frequency=440', '-t', '4', '-c:v', 'libvpx', '-b:v', '300k', '-c:a', 'libopus', '-y', file]);
  const bytes = await readFile(file);
  token = ((await (await fetch(`${server.url}/dev/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: USER }),
  })).json()) as { token: string }).token;
  ids.standup = await upload(bytes, 'standup', 'standup-notes.webm');
  ids.design = await upload(bytes, 'design', 'design-review.webm');
  await untilReady(ids.standup);
  await untilReady(ids.design);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
  signedIn = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

describe('the recordings library at /library', () => {
  it('lists both recordings with posters; search and the room filter narrow them; bad input shows the API\'s words', async () => {
    const page = await newPage(signedIn);
    expect((await page.goto(`${server.url}/library?email=${USER}`))?.status()).toBe(200);
    await expect.poll(() => cards(page).count(), { timeout: 20_000 }).toBe(2);
    expect(await page.getByTestId('results').textContent()).toBe('2 recordings.');
    expect((await roomsShown(page)).sort()).toEqual(['design', 'standup']);
    const posters = page.getByTestId('library-poster');
    await expect.poll(() => posters.evaluateAll((images: HTMLImageElement[]) => images.filter((i) => i.complete && i.naturalWidth > 0).length), { timeout: 20_000 }).toBe(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'library-page.png'), fullPage: true });

    await page.getByLabel('Search', { exact: true }).fill('STANDUP');
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await expect.poll(() => roomsShown(page)).toEqual(['standup']);
    expect(await page.getByTestId('results').textContent()).toBe('1 recording match.');

    await page.getByTestId('clear-button').click();
    await expect.poll(() => cards(page).count()).toBe(2);
    await page.getByLabel('Room').fill('design');
    await page.getByTestId('search-button').click();
    await expect.poll(() => roomsShown(page)).toEqual(['design']);

    // Bad input goes to the server, and its precise message is what the page says.
    await page.getByTestId('clear-button').click();
    await expect.poll(() => cards(page).count()).toBe(2);
    const long = 'x'.repeat(201);
    const expected = (await (await api(`/recordings?q=${long}`)).json()) as { detail: string; field?: string };
    expect(expected.detail).toBeTruthy();
    await page.getByLabel('Search', { exact: true }).fill(long);
    await page.getByTestId('search-button').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toBe(`${expected.detail}${expected.field ? ` (${expected.field})` : ''}`);
    await page.getByLabel('Search', { exact: true }).fill('');
    await page.getByLabel('From').fill('2026-12-10');
    await page.getByLabel('To').fill('2026-12-01');
    await page.getByTestId('search-button').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toMatch(/from|to/i);
    const rangeProblem = (await (await api(`/recordings?from=${encodeURIComponent(new Date(2026, 11, 10).toISOString())}&to=${encodeURIComponent(new Date(2026, 11, 2).toISOString())}`)).json()) as { detail: string };
    expect(await page.getByTestId('error').textContent()).toContain(rangeProblem.detail);
    await page.close();
  });

  it('pages with More and focuses the card an email links to', async () => {
    const page = await newPage(signedIn);
    await page.goto(`${server.url}/library?limit=1&email=${USER}`);
    await expect.poll(() => cards(page).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('results').textContent()).toBe('1 recording, more to load.');
    const first = await cards(page).getAttribute('data-recording-id');
    const [other, otherName] = first === ids.standup ? [ids.design, 'design-review.webm'] : [ids.standup, 'standup-notes.webm'];
    await page.getByTestId('more-button').click();
    await expect.poll(() => cards(page).count()).toBe(2);
    expect(await page.getByTestId('more-button').isHidden()).toBe(true);
    // The focus went to the new card.
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^recording-/);

    // The other recording is not on page 1: it is fetched and shown first, and focused.
    await page.goto(`${server.url}/library?limit=1&email=${USER}#recording-${other}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 20_000 }).toBe(`recording-${other}`);
    expect(await page.getByRole('article', { name: otherName }).count()).toBe(1);
    expect(await cards(page).count()).toBe(2);
    await page.close();
  });

  it('plays inline; Share gives a link a browser without sign-in plays; Copy copies it', async () => {
    const page = await openLibrary();
    const card = page.getByRole('article', { name: 'design-review.webm' });
    await card.getByRole('button', { name: 'Play design-review.webm' }).click();
    const video = card.getByTestId('library-video');
    expect(await video.locator('source').getAttribute('type')).toBe('video/mp4');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.5);

    await card.getByRole('button', { name: 'Share design-review.webm' }).click();
    const field = card.getByTestId('share-url');
    await expect.poll(() => field.inputValue(), { timeout: 20_000 }).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('share-url');
    await card.getByRole('button', { name: 'Copy the share link of design-review.webm' }).click();
    await expect.poll(() => card.getByTestId('copy-status').textContent()).toBe('Link copied.');
    const url = await field.inputValue();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    const stranger = await browser.newContext();
    const watch = await newPage(stranger);
    expect((await watch.goto(url))?.status()).toBe(200);
    const player = watch.locator('video');
    await player.evaluate((v: HTMLVideoElement) => { v.muted = true; return v.play(); });
    await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.5);
    await watch.screenshot({ path: join(SCREENSHOTS, 'library-shared-watch-page.png'), fullPage: true });
    await stranger.close();
    await page.close();
  });

  it('deletes after confirming in a dialog (Cancel keeps it), focus in and back, and the API answers 404', async () => {
    const page = await openLibrary();
    const remove = page.getByRole('button', { name: 'Delete standup-notes.webm' });
    await remove.click();
    const dialog = page.getByTestId('delete-dialog');
    expect(await dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cancel-delete');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Delete standup-notes.webm');
    expect(await cards(page).count()).toBe(2);

    await remove.click();
    await page.getByTestId('confirm-delete').click();
    await expect.poll(() => cards(page).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('results').textContent()).toBe('Deleted standup-notes.webm. 1 recording.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`recording-${ids.design}`);
    expect((await api(`/recordings/${ids.standup}`)).status).toBe(404);
    expect(violations).toEqual([]);
    await page.close();
  });
});

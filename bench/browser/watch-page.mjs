// Item 10: the watch page of a share link (/s/{token}) against its reference, a plain page whose
// <video> points at the same media file's presigned URL, in headless Chromium (playwright-core,
// as the web client's e2e tests launch it) on loopback. RUNS runs of each, alternating, each in a
// fresh browser context (empty cache). Per run:
// the document's time to first byte (Navigation Timing: request start -> response start), the
// media file's (the first media request, timed by the browser's network layer), and the time from
// navigation start to the <video>'s canplay (an init script listens in the capture phase,
// so the watch page is not changed; Chromium runs init scripts whatever the page's CSP). Prints
// JSON lines, one per run, and nothing else.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const webClient = resolve(here, '../../web-client');
// playwright-core is the web client's dev dependency: no install of our own, no browser download.
const require = createRequire(join(webClient, 'package.json'));
const { chromium } = require('playwright-core');
const CHROMIUM_ARGS = JSON.parse(await readFile(join(webClient, 'test/support/chromium-args.json'), 'utf8'));

const [watchUrl, referenceUrl] = [required('WATCH_URL'), required('REFERENCE_URL')];
const RUNS = Number(process.env.RUNS ?? 15);
const CANPLAY_TIMEOUT_MS = 30_000;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
try {
  // One warm-up of each (the JIT of the server's paths, the browser's media stack), not counted.
  for (let run = -1; run < RUNS; run += 1) {
    for (const [kind, url] of [['watch', watchUrl], ['reference', referenceUrl]]) {
      const result = await measure(url);
      if (run >= 0) console.log(JSON.stringify({ kind, run, ...result }));
    }
  }
} finally {
  await browser.close();
}

async function measure(url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__canplay = new Promise((resolve) => document.addEventListener('canplay', () => resolve(performance.now()), { capture: true, once: true }));
    });
    // The media request's own timing, from the network layer: Resource Timing lists a request only
    // once its body ended, and a range request of a video is still open at canplay.
    const mediaTtfb = new Promise((resolveTtfb) => page.on('response', (reply) => {
      if (reply.request().resourceType() === 'media') {
        const timing = reply.request().timing();
        resolveTtfb(timing.responseStart - timing.requestStart);
      }
    }));
    const response = await page.goto(url, { waitUntil: 'commit' });
    if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
    const canplay = await page.evaluate((timeout) => Promise.race([window.__canplay, new Promise((_, reject) => setTimeout(() => reject(new Error('no canplay')), timeout))]), CANPLAY_TIMEOUT_MS);
    const documentTtfbMs = await page.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation');
      return nav.responseStart - nav.requestStart;
    });
    return { documentTtfbMs, mediaTtfbMs: await mediaTtfb, canplayMs: canplay };
  } finally {
    await context.close();
  }
}

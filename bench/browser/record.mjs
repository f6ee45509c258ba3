// Item 5: drives the demo page (served by the server at BASE_URL) in headless Chromium with a fake
// camera and microphone: loopback call, record RECORD_SECONDS with progressive upload, stop, wait
// for the upload. Prints the JS heap along the way, the bytes not yet uploaded when stop was
// pressed, the checks on the stored file, and one VERDICT line. Exit code 0 = PASS, 1 = FAIL.
//
// The JS heap is the page's main isolate (CDP HeapProfiler.collectGarbage, then
// Runtime.getHeapUsage). Uploaded bytes come from the browser's own PUT requests (Playwright
// request events: body size and the time the response arrived), so nothing in the page is changed.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
// playwright-core is the web client's dev dependency: no npm install of our own.
const require = createRequire(resolve(here, '../../web-client/package.json'));
const { chromium } = require('playwright-core');
const run = promisify(execFile);

const MiB = 1024 * 1024;
const BASE_URL = required('BASE_URL');
const RECORD_SECONDS = Number(process.env.RECORD_SECONDS ?? 180);
/** Idle reference: the ready page's heap over this long, before recording. */
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? Math.min(30, RECORD_SECONDS));
const SAMPLE_SECONDS = Number(process.env.SAMPLE_SECONDS ?? Math.max(5, Math.round(RECORD_SECONDS / 9)));
/** Demo page URL parameters beyond email, room and loopback (e.g. `&quality=1080p`). */
const PAGE_PARAMS = process.env.PAGE_PARAMS ?? '';
/** `noise`: a fake camera showing noise (an ffmpeg-made .y4m), which VP8 cannot compress; else the stock fake camera. */
const FAKE_VIDEO = process.env.FAKE_VIDEO ?? '';
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const UPLOAD_TIMEOUT_MS = 120_000;
const HEAP_GROWTH_TARGET = 30 * MiB;
const ROOM = `bench-browser-${Date.now()}`;
// The web client's own test flags (see /work/shared/TESTING.md), so the bench launches the same Chromium.
const CHROMIUM_ARGS = JSON.parse(await readFile(resolve(here, '../../web-client/test/support/chromium-args.json'), 'utf8'));

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mib = (bytes) => (bytes / MiB).toFixed(2);
const signedMib = (bytes) => `${bytes >= 0 ? '+' : ''}${mib(bytes)}`;
const t0 = Date.now();
const stamp = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`;
const say = (line) => process.stdout.write(`[${stamp()}] ${line}\n`);

async function waitFor(what, predicate, timeoutMs, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** RSS (KiB) of every process whose command line names the profile dir (this Chromium only), by `--type`. */
async function chromiumRssKib(profile) {
  const byType = { total: 0, browser: 0, renderer: 0, other: 0 };
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes(profile)) continue;
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
      byType.total += rss;
      byType[type === undefined ? 'browser' : type === 'renderer' ? 'renderer' : 'other'] += rss;
    } catch {
      // the process ended meanwhile
    }
  }
  return byType;
}

const workDir = await mkdtemp(join(tmpdir(), 'bench-browser-'));
const profile = join(workDir, 'profile');
const extraArgs = [];
if (FAKE_VIDEO === 'noise') {
  const noise = join(workDir, 'noise.y4m');
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', "nullsrc=s=640x360:r=30,geq=lum='random(1)*255':cb='random(2)*255':cr='random(3)*255'", '-t', '2', '-pix_fmt', 'yuv420p', noise]);
  extraArgs.push(`--use-file-for-fake-video-capture=${noise}`);
}
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, ...extraArgs],
  headless: true,
});
let exitCode = 1;
try {
  exitCode = await bench();
} catch (error) {
  say(`error: ${error?.stack ?? error}`);
  console.log(`VERDICT browser: FAIL (the run did not finish: ${String(error?.message ?? error).split('\n')[0]})`);
} finally {
  await context.close().catch(() => undefined);
  await rm(workDir, { recursive: true, force: true });
}
process.exit(exitCode);

async function bench() {
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push({ at: Date.now(), text: message.text() }));
  page.on('pageerror', (error) => say(`page error: ${error.message}`));

  // Every PUT the page sends (parts, or the single PUT of a short recording) and when it finished.
  const puts = [];
  let minPartSize;
  let multipartId;
  page.on('requestfinished', async (request) => {
    if (request.method() === 'PUT') {
      const finishedAt = Date.now();
      const response = await request.response();
      // A Blob body is not visible to Playwright (requestBodySize 0); the wire's Content-Length is.
      const length = (await request.allHeaders())['content-length'];
      const url = new URL(request.url());
      puts.push({
        finishedAt,
        status: response?.status() ?? 0,
        bytes: Number(length ?? (await request.sizes()).requestBodySize),
        part: url.searchParams.get('partNumber') ?? url.searchParams.get('part_number') ?? url.searchParams.get('part') ?? '-',
      });
    }
  });
  page.on('response', async (response) => {
    if (response.request().method() === 'POST' && new URL(response.url()).pathname === '/recordings/multipart') {
      const ticket = await response.json().catch(() => ({}));
      minPartSize = ticket.min_part_size;
      multipartId = ticket.recording_id;
    }
  });

  const cdp = await context.newCDPSession(page);
  const heapSamples = [];
  const rssSamples = [];
  const heap = async (label) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
    const rss = await chromiumRssKib(profile);
    heapSamples.push({ label, at: Date.now(), used: usedSize, total: totalSize, rss });
    say(`heap ${label}: used ${mib(usedSize)} MiB (total ${mib(totalSize)} MiB), Chromium RSS ${mib(rss.total * 1024)} MiB`);
    return usedSize;
  };

  await page.goto(`${BASE_URL}/?email=bench%40example.com&room=${ROOM}&loopback=1${PAGE_PARAMS}`);
  const button = page.getByTestId('record-button');
  await waitFor('the loopback call (record button enabled)', () => button.isEnabled(), 30_000);
  await heap('page ready');
  await sleep(IDLE_SECONDS * 1000);
  await heap(`idle +${IDLE_SECONDS} s`);

  await button.click();
  await waitFor('recording to start', async () => (await button.textContent()) === '⏹️ Stop Recording', 15_000, 50);
  const startedAt = Date.now();
  const elapsed = () => (Date.now() - startedAt) / 1000;
  const earlyAt = Math.min(5, RECORD_SECONDS / 4);
  await sleep(earlyAt * 1000);
  await heap(`recording +${earlyAt} s`);
  for (let next = Math.ceil((earlyAt + 1) / SAMPLE_SECONDS) * SAMPLE_SECONDS; next < RECORD_SECONDS - 2; next += SAMPLE_SECONDS) {
    await sleep(Math.max(0, (next - elapsed()) * 1000));
    await heap(`recording +${next} s`);
  }
  // The last sample before stop is taken outside the GC pause that would delay the click.
  await sleep(Math.max(0, (RECORD_SECONDS - elapsed()) * 1000));
  // The server's own account of the parts it holds, asked right before the click (a few ms).
  const token = await page.evaluate(() => sessionStorage.getItem('call-recordings.token'));
  const headers = { Authorization: `Bearer ${token}` };
  const storedAtStop =
    multipartId === undefined ? [] : (await (await fetch(`${BASE_URL}/recordings/${multipartId}/parts`, { headers })).json()).parts ?? [];
  const stopAt = Date.now();
  const uploadedAtStop = puts.filter((put) => put.finishedAt <= stopAt && put.status >= 200 && put.status < 300);
  await button.click();
  const recordedSeconds = (stopAt - startedAt) / 1000;
  say(`stop pressed after ${recordedSeconds.toFixed(1)} s of recording; ${uploadedAtStop.length} PUT(s) finished by then`);
  await heap('at stop');

  const status = page.getByTestId('upload-status');
  await waitFor(
    'the upload to finish',
    async () => ['uploaded', 'failed'].includes((await status.getAttribute('data-state')) ?? ''),
    UPLOAD_TIMEOUT_MS,
    100,
  );
  const uploadedAt = Date.now();
  const uploadState = await status.getAttribute('data-state');
  say(`upload ${uploadState} ${((uploadedAt - stopAt) / 1000).toFixed(1)} s after stop`);
  await sleep(2000);
  await heap('after upload');

  // The API's view, with the page's own dev token.
  const listed = await (await fetch(`${BASE_URL}/recordings?room_id=${ROOM}`, { headers })).json();
  const summary = listed.recordings?.[0];
  const recording = summary === undefined ? undefined : await (await fetch(`${BASE_URL}/recordings/${summary.recording_id}`, { headers })).json();
  let fileBytes = 0;
  let probe = {};
  if (recording?.download_url) {
    const download = await fetch(new URL(recording.download_url, BASE_URL));
    const bytes = Buffer.from(await download.arrayBuffer());
    fileBytes = bytes.length;
    const file = join(workDir, 'recording.webm');
    await writeFile(file, bytes);
    probe = await ffprobe(file);
  }

  // Figures.
  const byLabel = (label) => heapSamples.find((s) => s.label === label);
  const ready = heapSamples[0];
  const idle = heapSamples[1];
  const early = heapSamples[2];
  const during = heapSamples.filter((s) => s.label.startsWith('recording'));
  const atStop = byLabel('at stop');
  const after = byLabel('after upload');
  const peak = heapSamples.filter((s) => s.at >= early.at && s.at <= atStop.at).reduce((a, b) => (b.used > a.used ? b : a));
  const growth = atStop.used - early.used;
  const peakGrowth = peak.used - early.used;
  const idleDrift = idle.used - ready.used;

  const partsPut = puts.filter((put) => put.status >= 200 && put.status < 300);
  const putBeforeStop = uploadedAtStop.reduce((sum, put) => sum + put.bytes, 0);
  const storedBeforeStop = storedAtStop.reduce((sum, part) => sum + part.size, 0);
  // The server's figure counts; the browser's PUTs are the cross-check.
  const sentBeforeStop = multipartId === undefined ? putBeforeStop : storedBeforeStop;
  const finalSize = recording?.size ?? fileBytes;
  const leftAtStop = Math.max(0, finalSize - sentBeforeStop);
  const partSize = minPartSize ?? 5 * MiB;
  const leftParts = leftAtStop / partSize;
  const progressive = minPartSize !== undefined;
  const putsAfterStop = partsPut.filter((put) => put.finishedAt > stopAt);
  // Part 1 waits for stop by design (the Duration goes into its header) and the last part is the
  // tail, smaller than a part: any other part still going up after stop was in flight (it filled
  // in the last second or so) or uploaded late.
  const lastPart = Math.max(0, ...partsPut.map((put) => Number(put.part) || 0));
  const lateParts = putsAfterStop.filter((put) => put.part !== '1' && Number(put.part) !== lastPart);
  const part1 = partsPut.find((put) => put.part === '1');
  const tail = partsPut.find((put) => Number(put.part) === lastPart && lastPart > 1);
  const durationOk = probe.duration !== undefined && Math.abs(probe.duration - recordedSeconds) <= Math.max(2, recordedSeconds * 0.02);

  console.log('');
  console.log('JS heap of the page (main isolate, after a forced GC); RSS MiB of this Chromium: all processes, renderers, browser process, others (GPU, audio, network, ...)');
  console.log(`${'sample'.padEnd(24)} ${'used MiB'.padStart(9)} ${'vs ref'.padStart(8)} ${'RSS all'.padStart(8)} ${'render'.padStart(7)} ${'browser'.padStart(7)} ${'other'.padStart(7)}`);
  for (const s of heapSamples) {
    const ref = s.at < early.at ? ready : early;
    const r = (kib) => (kib / 1024).toFixed(0);
    console.log(`${s.label.padEnd(24)} ${mib(s.used).padStart(9)} ${signedMib(s.used - ref.used).padStart(8)} ${r(s.rss.total).padStart(8)} ${r(s.rss.renderer).padStart(7)} ${r(s.rss.browser).padStart(7)} ${r(s.rss.other).padStart(7)}`);
  }
  console.log(`(vs ref: idle samples against 'page ready', the rest against '${early.label}')`);
  console.log('');
  console.log('PUTs (part, bytes, finished at s after recording start)');
  for (const put of partsPut) {
    console.log(`  part ${String(put.part).padStart(3)} ${String(put.bytes).padStart(10)} B  ${((put.finishedAt - startedAt) / 1000).toFixed(1).padStart(6)} s${put.finishedAt > stopAt ? '  (after stop)' : ''}`);
  }
  const failedPuts = puts.length - partsPut.length;
  console.log('');
  const rows = [
    ['recorded (stop pressed after)', `${recordedSeconds.toFixed(1)} s`],
    ['idle reference: heap drift over idle', `${signedMib(idleDrift)} MiB in ${IDLE_SECONDS} s`],
    [`heap growth ${early.label} -> at stop`, `${signedMib(growth)} MiB (target < 30 MiB)`],
    [`heap peak during recording`, `${mib(peak.used)} MiB at '${peak.label}' (${signedMib(peakGrowth)} MiB)`],
    ['Chromium RSS recording +5 s -> at stop', `${signedMib((atStop.rss.total - early.rss.total) * 1024)} MiB (renderers ${signedMib((atStop.rss.renderer - early.rss.renderer) * 1024)}, browser ${signedMib((atStop.rss.browser - early.rss.browser) * 1024)}; no target)`],
    ['heap after upload vs page ready', `${signedMib(after.used - ready.used)} MiB`],
    ['upload', progressive ? `progressive, min part size ${mib(partSize)} MiB` : 'single PUT (not progressive)'],
    ['PUTs (ok / failed)', `${partsPut.length} / ${failedPuts}; ${uploadedAtStop.length} before stop, ${putsAfterStop.length} after`],
    ['file size (API)', `${finalSize} B (${mib(finalSize)} MiB); downloaded ${fileBytes} B`],
    ['stored before stop (GET …/parts)', `${storedBeforeStop} B in parts [${storedAtStop.map((p) => p.part_number).join(', ')}]`],
    ['PUT before stop (browser requests)', `${putBeforeStop} B in ${uploadedAtStop.length} PUT(s)`],
    ['left at stop', `${leftAtStop} B (${mib(leftAtStop)} MiB) = ${(finalSize > 0 ? (100 * leftAtStop) / finalSize : 100).toFixed(1)} % of the file = ${leftParts.toFixed(2)} parts`],
    ['  of which part 1 (held back until stop)', part1 === undefined ? '-' : `${part1.bytes} B (${(part1.bytes / partSize).toFixed(2)} parts)`],
    ['  of which the tail (last part)', tail === undefined ? '-' : `${tail.bytes} B (${(tail.bytes / partSize).toFixed(2)} parts)`],
    ['  full parts not stored at stop (in flight or late)', progressive ? `${lateParts.length}${lateParts.length ? ` (parts ${lateParts.map((p) => p.part).join(', ')})` : ''}` : '-'],
    ['stop -> uploaded', `${((uploadedAt - stopAt) / 1000).toFixed(1)} s (${uploadState})`],
    ['status (API)', `${recording?.status ?? 'not listed'}, duration_ms ${recording?.duration_ms ?? '-'}`],
    ['ffprobe', `Duration ${probe.duration?.toFixed(2) ?? 'N/A'} s, ${probe.streams ?? '?'}`],
  ];
  for (const [name, value] of rows) console.log(`${name.padEnd(40)} ${value}`);
  console.log('');

  const reasons = [];
  const fail = [];
  (growth < HEAP_GROWTH_TARGET ? reasons : fail).push(`heap growth ${signedMib(growth)} MiB ${growth < HEAP_GROWTH_TARGET ? '<' : '>='} 30 MiB`);
  (progressive ? reasons : fail).push(progressive ? `${uploadedAtStop.length} part(s) up before stop` : 'no progressive upload');
  (leftAtStop <= partSize ? reasons : fail).push(`${leftParts.toFixed(2)} parts (${(finalSize > 0 ? (100 * leftAtStop) / finalSize : 100).toFixed(1)} % of file) left at stop, target <= 1`);
  (recording?.status === 'COMPLETED' && recording.size === fileBytes ? reasons : fail).push(`status ${recording?.status ?? 'missing'}${recording?.size === fileBytes ? '' : ', size mismatch'}`);
  (durationOk ? reasons : fail).push(`ffprobe Duration ${probe.duration?.toFixed(1) ?? 'N/A'} s vs ${recordedSeconds.toFixed(1)} s recorded`);
  const pass = fail.length === 0;
  console.log(`VERDICT browser: ${pass ? 'PASS' : 'FAIL'} (${[...fail, ...reasons].join('; ')})`);
  return pass ? 0 : 1;
}

async function ffprobe(file) {
  try {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,codec_name,width,height', '-of', 'json', file]);
    const json = JSON.parse(stdout);
    const duration = Number(json.format?.duration);
    const streams = (json.streams ?? []).map((s) => (s.codec_type === 'video' ? `${s.codec_name} ${s.width}x${s.height}` : s.codec_name)).join(' + ');
    return { duration: Number.isFinite(duration) ? duration : undefined, streams };
  } catch (error) {
    return { streams: `ffprobe failed: ${error.message}` };
  }
}

// Item 5: drives the demo page (served by the server at BASE_URL) in headless BROWSER (chromium or
// firefox) with a fake camera and microphone: loopback call, idle IDLE_SECONDS (the reference),
// record RECORD_SECONDS with progressive upload, stop, wait for the upload, then upload the bytes
// that were left at stop again with one plain PUT from the same page (the reference for stop ->
// uploaded). Prints the memory along the way, the bytes not yet uploaded when stop was pressed,
// the checks on the stored file, and one VERDICT line. Exit code 0 = PASS, 1 = FAIL.
//
// Both browsers go through puppeteer-core, as the web client's end-to-end tests launch them:
// Chromium over CDP, Firefox ESR over WebDriver BiDi (Playwright cannot drive a stock Firefox).
// Memory is the RSS of the browser's own process tree (/proc, from the pid puppeteer started),
// split into the processes that run pages (Chromium's renderers, Firefox's web content processes)
// and the rest. The JS heap is Chromium's only (CDP HeapProfiler.collectGarbage, then
// Runtime.getHeapUsage on the page's main isolate); WebDriver BiDi has no heap figure. What the
// server has stored is asked from the server (GET /recordings/{id}/parts, polled), so nothing in
// the page is changed and both browsers are measured the same way.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const webClient = resolve(here, '../../web-client');
// puppeteer-core is the web client's dev dependency: no npm install of our own, no browser download.
const require = createRequire(join(webClient, 'package.json'));
const puppeteer = require('puppeteer-core');
const run = promisify(execFile);

const MiB = 1024 * 1024;
const BASE_URL = required('BASE_URL');
const BROWSER = process.env.BROWSER ?? 'chromium';
if (!['chromium', 'firefox'].includes(BROWSER)) throw new Error(`BROWSER must be chromium or firefox, not ${BROWSER}`);
const RECORD_SECONDS = Number(process.env.RECORD_SECONDS ?? 180);
/** Idle reference: the ready page over this long, before recording (by default as long as the recording). */
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? RECORD_SECONDS);
const SAMPLE_SECONDS = Number(process.env.SAMPLE_SECONDS ?? Math.max(5, Math.round(RECORD_SECONDS / 9)));
/** Demo page URL parameters beyond email, room and loopback (e.g. `&quality=1080p`). */
const PAGE_PARAMS = process.env.PAGE_PARAMS ?? '';
/** `noise`: a fake camera showing noise (an ffmpeg-made .y4m), which VP8 cannot compress (Chromium only). */
const FAKE_VIDEO = process.env.FAKE_VIDEO ?? '';
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const UPLOAD_TIMEOUT_MS = 120_000;
// The processing of a 3-minute recording (remux, MP4, poster) on a loaded two-core machine.
const PROCESSING_TIMEOUT_MS = 900_000;
const HEAP_GROWTH_TARGET = 30 * MiB;
/** The multipart part size the demo uses (S3's minimum); the ticket's min_part_size is not visible from outside the page. */
const PART_SIZE = 5 * MiB;
const ROOM = `bench-browser-${BROWSER}-${Date.now()}`;
// The web client's own launch settings (see web-client/test/support/), so the bench launches the same browsers.
const CHROMIUM_ARGS = JSON.parse(await readFile(join(webClient, 'test/support/chromium-args.json'), 'utf8'));
const FIREFOX_PREFS = JSON.parse(await readFile(join(webClient, 'test/support/firefox-prefs.json'), 'utf8'));

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
const testId = (id) => `[data-testid="${id}"]`;

async function waitFor(what, predicate, timeoutMs, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Every live process: pid -> { ppid, cmdline (argv), rssKib, shmemKib (the shared part of the RSS) }. */
async function processTable() {
  const table = new Map();
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: the ppid follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      // Chromium and Firefox children rewrite their argv as one space-separated string: split on both.
      const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split(/[\0 ]/).filter(Boolean);
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kib = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      table.set(Number(pid), { ppid, cmdline, rssKib: kib('VmRSS'), shmemKib: kib('RssShmem') });
    } catch {
      // the process ended meanwhile
    }
  }
  return table;
}

/** Which part of the browser a process of its tree is: 'page' (renderer / web content), 'browser' (the root) or 'other'. */
function role(argv, isRoot) {
  if (isRoot) return 'browser';
  if (BROWSER === 'chromium') return argv.some((arg) => arg === '--type=renderer') ? 'page' : 'other';
  // Firefox child processes run `-contentproc`; web content (the pages) is the type 'tab', last on the command line.
  return argv.includes('-contentproc') && (argv.includes('-isForBrowser') || argv.at(-1) === 'tab') ? 'page' : 'other';
}

/** RSS (KiB) of the browser's process tree from its root pid, by role, the page processes' shared part, and their number. */
async function browserRss(rootPid) {
  const table = await processTable();
  const rss = { total: 0, browser: 0, page: 0, other: 0, pageShmem: 0, pages: 0 };
  const queue = [rootPid];
  const seen = new Set();
  while (queue.length > 0) {
    const pid = queue.shift();
    if (seen.has(pid) || !table.has(pid)) continue;
    seen.add(pid);
    const process = table.get(pid);
    const kind = role(process.cmdline, pid === rootPid);
    rss.total += process.rssKib;
    rss[kind] += process.rssKib;
    if (kind === 'page') {
      rss.pages += 1;
      rss.pageShmem += process.shmemKib;
    }
    for (const [child, entry] of table) if (entry.ppid === pid) queue.push(child);
  }
  return rss;
}

const workDir = await mkdtemp(join(tmpdir(), `bench-browser-${BROWSER}-`));
const profile = join(workDir, 'profile');
let browser;
if (BROWSER === 'chromium') {
  const extraArgs = [];
  if (FAKE_VIDEO === 'noise') {
    const noise = join(workDir, 'noise.y4m');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', "nullsrc=s=640x360:r=30,geq=lum='random(1)*255':cb='random(2)*255':cr='random(3)*255'", '-t', '2', '-pix_fmt', 'yuv420p', noise]);
    extraArgs.push(`--use-file-for-fake-video-capture=${noise}`);
  }
  browser = await puppeteer.launch({
    browser: 'chrome',
    executablePath: CHROMIUM_PATH,
    headless: true,
    userDataDir: profile,
    // puppeteer adds its own headless flag.
    args: [...CHROMIUM_ARGS.filter((arg) => arg !== '--headless'), ...extraArgs],
  });
} else {
  // Firefox runs an AudioContext only with an output device: browser.sh starts a PulseAudio null sink and sets PULSE_SERVER.
  if (!process.env.PULSE_SERVER) throw new Error('PULSE_SERVER is not set (browser.sh starts a PulseAudio null sink for Firefox)');
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, userDataDir: profile, extraPrefsFirefox: FIREFOX_PREFS });
}
const rootPid = browser.process()?.pid;
let exitCode = 1;
try {
  if (rootPid === undefined) throw new Error('puppeteer did not report the browser pid');
  exitCode = await bench();
} catch (error) {
  say(`error: ${error?.stack ?? error}`);
  console.log(`VERDICT browser-${BROWSER}: FAIL (the run did not finish: ${String(error?.message ?? error).split('\n')[0]})`);
} finally {
  await browser.close().catch(() => undefined);
  await rm(workDir, { recursive: true, force: true });
}
process.exit(exitCode);

async function bench() {
  say(`${BROWSER} ${await browser.version()}, pid ${rootPid}`);
  const page = await browser.newPage();
  page.on('pageerror', (error) => say(`page error: ${error.message}`));
  const cdp = BROWSER === 'chromium' ? await page.createCDPSession() : undefined;

  const samples = [];
  const sample = async (label) => {
    let heap;
    if (cdp !== undefined) {
      await cdp.send('HeapProfiler.collectGarbage');
      heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    }
    const rss = await browserRss(rootPid);
    samples.push({ label, at: Date.now(), heap, rss });
    say(`${label}: ${heap === undefined ? '' : `JS heap ${mib(heap)} MiB, `}RSS page processes ${mib(rss.page * 1024)} MiB (${rss.pages}), all ${mib(rss.total * 1024)} MiB`);
  };

  await page.goto(`${BASE_URL}/?email=bench%40example.com&room=${ROOM}&loopback=1${PAGE_PARAMS}`);
  const button = testId('record-button');
  const buttonText = () => page.$eval(button, (element) => element.textContent);
  await waitFor('the loopback call (record button enabled)', () => page.$eval(button, (element) => !element.disabled), 30_000);
  const token = await page.evaluate(() => sessionStorage.getItem('call-recordings.token'));
  const headers = { Authorization: `Bearer ${token}` };
  const api = async (path) => (await fetch(`${BASE_URL}${path}`, { headers })).json();

  // The idle reference, sampled at the recording's cadence for as long.
  await sample('page ready');
  const idleFrom = Date.now();
  for (let next = SAMPLE_SECONDS; next < IDLE_SECONDS; next += SAMPLE_SECONDS) {
    await sleep(Math.max(0, idleFrom + next * 1000 - Date.now()));
    await sample(`idle +${next} s`);
  }
  await sleep(Math.max(0, idleFrom + IDLE_SECONDS * 1000 - Date.now()));
  await sample(`idle +${IDLE_SECONDS} s`);

  await page.click(button);
  await waitFor('recording to start', async () => (await buttonText()) === '⏹️ Stop Recording', 15_000, 50);
  const startedAt = Date.now();
  const elapsed = () => (Date.now() - startedAt) / 1000;

  // The server's view of the upload: which parts it holds, and when each was first seen (polled each second, then faster after stop).
  let multipartId;
  let pollMs = 1000;
  let polling = true;
  const partSeen = new Map();
  const poller = (async () => {
    while (polling) {
      try {
        if (multipartId === undefined) {
          multipartId = (await api(`/recordings?room_id=${ROOM}`)).recordings?.[0]?.recording_id;
          if (multipartId !== undefined) say(`the server lists recording ${multipartId} (${elapsed().toFixed(1)} s into recording)`);
        }
        if (multipartId !== undefined) {
          for (const part of (await api(`/recordings/${multipartId}/parts`)).parts ?? []) {
            if (!partSeen.has(part.part_number)) partSeen.set(part.part_number, { size: part.size, at: Date.now() });
          }
        }
      } catch {
        // completed (the parts are gone) or between states: the final figures come from the recording itself
      }
      await sleep(pollMs);
    }
  })();

  const earlyAt = Math.min(5, RECORD_SECONDS / 4);
  await sleep(earlyAt * 1000);
  await sample(`recording +${earlyAt} s`);
  for (let next = Math.ceil((earlyAt + 1) / SAMPLE_SECONDS) * SAMPLE_SECONDS; next < RECORD_SECONDS - 2; next += SAMPLE_SECONDS) {
    await sleep(Math.max(0, (next - elapsed()) * 1000));
    await sample(`recording +${next} s`);
  }
  await sleep(Math.max(0, (RECORD_SECONDS - elapsed()) * 1000));
  // The server's own account of the parts it holds, asked right before the click (a few ms).
  const storedAtStop = multipartId === undefined ? [] : ((await api(`/recordings/${multipartId}/parts`)).parts ?? []);
  const stopAt = Date.now();
  pollMs = 50;
  await page.click(button);
  const recordedSeconds = (stopAt - startedAt) / 1000;
  say(`stop pressed after ${recordedSeconds.toFixed(1)} s of recording; ${storedAtStop.length} part(s) stored by then`);

  const status = testId('upload-status');
  const uploadState = await waitFor(
    'the upload to finish',
    async () => {
      const state = await page.$eval(status, (element) => element.getAttribute('data-state'));
      return ['uploaded', 'failed'].includes(state ?? '') ? state : undefined;
    },
    UPLOAD_TIMEOUT_MS,
    50,
  );
  const uploadedAt = Date.now();
  polling = false;
  await poller;
  say(`upload ${uploadState} ${((uploadedAt - stopAt) / 1000).toFixed(2)} s after stop`);
  await sample('at upload');

  const listed = await api(`/recordings?room_id=${ROOM}`);
  const summary = listed.recordings?.[0];
  const recording = summary === undefined ? undefined : await api(`/recordings/${summary.recording_id}`);
  // With processing on, the page leaves the WebM Duration to the server's remux: the file to check
  // is the seekable original once processing has ended.
  const processed = ['queued', 'running'].includes(recording?.processing ?? '')
    ? await waitFor(
        'processing to end',
        async () => {
          const now = await api(`/recordings/${recording.recording_id}`);
          return ['queued', 'running'].includes(now.processing) ? undefined : now;
        },
        PROCESSING_TIMEOUT_MS,
        500,
      )
    : recording;
  if (processed !== recording) say(`processing ${processed.processing} ${((Date.now() - uploadedAt) / 1000).toFixed(1)} s after upload`);
  let fileBytes = 0;
  let probe = {};
  if (processed?.download_url) {
    const bytes = Buffer.from(await (await fetch(new URL(processed.download_url, BASE_URL))).arrayBuffer());
    fileBytes = bytes.length;
    const file = join(workDir, 'recording.webm');
    await writeFile(file, bytes);
    probe = await ffprobe(file);
  }

  const storedBeforeStop = storedAtStop.reduce((sum, part) => sum + part.size, 0);
  const finalSize = recording?.size ?? fileBytes;
  const leftAtStop = Math.max(0, finalSize - storedBeforeStop);
  const leftParts = leftAtStop / PART_SIZE;

  // The reference: the same number of bytes through one plain PUT from the same page (ask for a URL, PUT, complete).
  const reference = await page.evaluate(
    async (base, bearer, size, room) => {
      const auth = { Authorization: `Bearer ${bearer}` };
      const body = new Blob([new Uint8Array(size)], { type: 'video/webm' });
      const from = performance.now();
      const ticket = await (
        await fetch(`${base}/recordings/upload-url`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ room_id: room, contentType: 'video/webm', size }),
        })
      ).json();
      const uploadHeaders = Object.fromEntries(Object.entries(ticket.upload_headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-length'));
      const put = await fetch(new URL(ticket.upload_url, base), { method: 'PUT', headers: uploadHeaders, body });
      const putMs = performance.now() - from;
      const complete = await fetch(`${base}/recordings/${ticket.recording_id}/complete`, { method: 'POST', headers: auth });
      return { putMs, totalMs: performance.now() - from, put: put.status, complete: complete.status };
    },
    BASE_URL,
    token,
    leftAtStop,
    `${ROOM}-reference`,
  );
  const referenceOk = reference.put >= 200 && reference.put < 300 && reference.complete >= 200 && reference.complete < 300;
  const stopToUploaded = (uploadedAt - stopAt) / 1000;

  // Figures.
  const byLabel = (label) => samples.find((s) => s.label === label);
  const ready = samples[0];
  const idleEnd = byLabel(`idle +${IDLE_SECONDS} s`);
  const early = byLabel(`recording +${earlyAt} s`);
  const recordingSamples = samples.filter((s) => s.label.startsWith('recording'));
  const lastRecording = recordingSamples.at(-1);
  const pageKib = (s) => s.rss.page * 1024;
  const idleRssGrowth = pageKib(idleEnd) - pageKib(ready);
  const recordingRssGrowth = pageKib(lastRecording) - pageKib(early);
  const recordingRssCost = pageKib(lastRecording) - pageKib(idleEnd);
  const peakRss = recordingSamples.reduce((a, b) => (b.rss.page > a.rss.page ? b : a));
  const hasHeap = early.heap !== undefined;
  const heapGrowth = hasHeap ? lastRecording.heap - early.heap : undefined;
  const idleHeapDrift = hasHeap ? idleEnd.heap - ready.heap : undefined;

  const lastPart = Math.max(0, ...partSeen.keys());
  const afterStop = [...partSeen].filter(([number]) => !storedAtStop.some((p) => p.part_number === number));
  const part1 = partSeen.get(1);
  const tail = lastPart > 1 ? partSeen.get(lastPart) : undefined;
  const lateParts = afterStop.filter(([number]) => number !== 1 && number !== lastPart);
  const durationOk = probe.duration !== undefined && Math.abs(probe.duration - recordedSeconds) <= Math.max(2, recordedSeconds * 0.02);

  console.log('');
  console.log(`${BROWSER}: RSS MiB of its process tree (from pid ${rootPid}): page processes (${BROWSER === 'chromium' ? 'renderers' : 'web content'}) and their shared memory (RssShmem), browser (root), others${hasHeap ? '; JS heap of the page (main isolate, after a forced GC)' : ''}`);
  console.log(`${'sample'.padEnd(22)} ${'pages'.padStart(7)} ${'shared'.padStart(7)} ${'(n)'.padStart(4)} ${'browser'.padStart(8)} ${'other'.padStart(7)} ${'all'.padStart(7)}${hasHeap ? ` ${'heap MiB'.padStart(9)}` : ''}`);
  for (const s of samples) {
    const r = (kib) => (kib / 1024).toFixed(0);
    console.log(`${s.label.padEnd(22)} ${r(s.rss.page).padStart(7)} ${r(s.rss.pageShmem).padStart(7)} ${String(s.rss.pages).padStart(4)} ${r(s.rss.browser).padStart(8)} ${r(s.rss.other).padStart(7)} ${r(s.rss.total).padStart(7)}${hasHeap ? ` ${mib(s.heap).padStart(9)}` : ''}`);
  }
  console.log('');
  console.log('parts as the server stored them (part, bytes, first seen at s after recording start)');
  for (const [number, part] of [...partSeen].sort((a, b) => a[0] - b[0])) {
    console.log(`  part ${String(number).padStart(3)} ${String(part.size).padStart(10)} B  ${((part.at - startedAt) / 1000).toFixed(1).padStart(6)} s${part.at > stopAt ? '  (after stop)' : ''}`);
  }
  console.log('');
  const rows = [
    ['recorded (stop pressed after)', `${recordedSeconds.toFixed(1)} s`],
    [`page RSS idle reference (ready -> +${IDLE_SECONDS} s)`, `${signedMib(idleRssGrowth)} MiB`],
    [`page RSS growth ${early.label} -> ${lastRecording.label}`, `${signedMib(recordingRssGrowth)} MiB (peak ${mib(pageKib(peakRss))} MiB at '${peakRss.label}'; no target)`],
    ['page RSS idle end -> last recording sample', `${signedMib(recordingRssCost)} MiB (what recording costs, setup included)`],
    ['JS heap idle reference', hasHeap ? `${signedMib(idleHeapDrift)} MiB in ${IDLE_SECONDS} s` : 'not given by Firefox over WebDriver BiDi'],
    [`JS heap growth ${early.label} -> ${lastRecording.label}`, hasHeap ? `${signedMib(heapGrowth)} MiB (target < 30 MiB)` : '-'],
    ['file size (API, as uploaded)', `${finalSize} B (${mib(finalSize)} MiB)`],
    ['processing', processed === recording ? `${recording?.processing ?? '-'} (not waited for)` : `${processed.processing}; the seekable original ${processed.size} B, downloaded ${fileBytes} B`],
    ['stored before stop (GET …/parts)', `${storedBeforeStop} B in parts [${storedAtStop.map((p) => p.part_number).join(', ')}]`],
    ['left at stop', `${leftAtStop} B (${mib(leftAtStop)} MiB) = ${(finalSize > 0 ? (100 * leftAtStop) / finalSize : 100).toFixed(1)} % of the file = ${leftParts.toFixed(2)} parts of 5 MiB`],
    ['  of which part 1', part1 === undefined ? 'not seen by the poll' : `${part1.size} B (${(part1.size / PART_SIZE).toFixed(2)} parts), ${part1.at > stopAt ? 'sent after stop' : 'stored before stop'}`],
    ['  of which the tail (last part)', tail === undefined ? 'not seen by the poll' : `${tail.size} B (${(tail.size / PART_SIZE).toFixed(2)} parts)`],
    ['  full parts not stored at stop', `${lateParts.length}${lateParts.length ? ` (parts ${lateParts.map(([n]) => n).join(', ')})` : ''}`],
    ['stop -> uploaded', `${stopToUploaded.toFixed(2)} s (${uploadState})`],
    ['reference: one plain PUT of the same bytes', referenceOk ? `${(reference.totalMs / 1000).toFixed(2)} s (URL + PUT ${(reference.putMs / 1000).toFixed(2)} s, + complete)` : `failed (PUT ${reference.put}, complete ${reference.complete})`],
    ['stop -> uploaded / reference', referenceOk ? `${(stopToUploaded / (reference.totalMs / 1000)).toFixed(1)} x` : '-'],
    ['status (API)', `${processed?.status ?? 'not listed'}, duration_ms ${processed?.duration_ms ?? '-'}`],
    ['ffprobe', `Duration ${probe.duration?.toFixed(2) ?? 'N/A'} s, ${probe.streams ?? '?'}`],
  ];
  for (const [name, value] of rows) console.log(`${name.padEnd(46)} ${value}`);
  console.log('');

  const reasons = [];
  const fail = [];
  if (hasHeap) (heapGrowth < HEAP_GROWTH_TARGET ? reasons : fail).push(`JS heap growth ${signedMib(heapGrowth)} MiB ${heapGrowth < HEAP_GROWTH_TARGET ? '<' : '>='} 30 MiB`);
  else reasons.push('JS heap n/a');
  reasons.push(`page RSS ${signedMib(recordingRssGrowth)} MiB recording vs ${signedMib(idleRssGrowth)} MiB idle`);
  (storedAtStop.length > 0 ? reasons : fail).push(storedAtStop.length > 0 ? `${storedAtStop.length} part(s) up before stop` : 'no part stored before stop');
  (leftAtStop <= PART_SIZE ? reasons : fail).push(`${leftParts.toFixed(2)} parts left at stop, target <= 1`);
  (referenceOk ? reasons : fail).push(referenceOk ? `stop -> uploaded ${stopToUploaded.toFixed(2)} s = ${(stopToUploaded / (reference.totalMs / 1000)).toFixed(1)} x one PUT` : 'reference PUT failed');
  (processed?.status === 'COMPLETED' && processed.size === fileBytes ? reasons : fail).push(`status ${processed?.status ?? 'missing'}${processed?.size === fileBytes ? '' : ', size mismatch'}`);
  (durationOk ? reasons : fail).push(`ffprobe Duration ${probe.duration?.toFixed(1) ?? 'N/A'} s vs ${recordedSeconds.toFixed(1)} s recorded`);
  const pass = fail.length === 0;
  console.log(`VERDICT browser-${BROWSER}: ${pass ? 'PASS' : 'FAIL'} (${[...fail, ...reasons].join('; ')})`);
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

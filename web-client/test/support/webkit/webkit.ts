import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitForOutput, WebDriverSession } from './webdriver.ts';

/** Debian's WebKitGTK 2.50 (`webkit2gtk-driver`): the driver, and the browser it starts by default. */
export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * `ephemeral`: `MiniBrowser --automation`, whose data store is always ephemeral, like Safari
 * Private Browsing. `persistent`: the persistent host (a normal session, website data on disk).
 */
export type WebKitMode = 'ephemeral' | 'persistent';
export const WEBKIT_MODES: readonly WebKitMode[] = ['ephemeral', 'persistent'];

const sources = new URL('.', import.meta.url).pathname;
const run = promisify(execFile);

/** The compiled stand-ins (test/support/webkit/*.c), built once per process into a temporary directory. */
interface StandIns {
  readonly pluginDir: string;
  readonly host: string;
}
let built: Promise<StandIns> | undefined;

/**
 * Compiles the stand-ins with gcc: the `autovideoflip` GStreamer element (GStreamer 1.22 lacks it,
 * and without it WebKit's MediaRecorder records 0 bytes of video) and the persistent host. Each is
 * announced on the console.
 */
export function standIns(): Promise<StandIns> {
  built ??= (async () => {
    for (const tool of [WEBKIT_DRIVER, MINIBROWSER, '/usr/bin/Xvfb', '/usr/bin/gcc']) {
      if (!existsSync(tool)) throw new Error(`WebKit tests need ${tool} (bin/test installs webkit2gtk-driver, xvfb, gcc)`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'call-recordings-webkit-'));
    // Removed when this process ends (an exit handler runs synchronous code only).
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const flags = async (...packages: string[]) => (await run('pkg-config', ['--cflags', '--libs', ...packages])).stdout.trim().split(/\s+/);
    await run('gcc', ['-shared', '-fPIC', '-O1', '-o', join(dir, 'libgstautovideoflipstandin.so'), join(sources, 'autovideoflip.c'), ...(await flags('gstreamer-1.0', 'gstreamer-video-1.0'))]);
    console.log('stand-in: GStreamer autovideoflip (GStreamer 1.22 lacks it; WebKit\'s MediaRecorder needs it for video) = videoconvert ! videoflip, compiled from test/support/webkit/autovideoflip.c');
    await run('gcc', ['-O1', '-o', join(dir, 'persistent-host'), join(sources, 'persistent-host.c'), ...(await flags('gtk+-3.0', 'webkit2gtk-4.1'))]);
    return { pluginDir: dir, host: join(dir, 'persistent-host') };
  })();
  return built;
}

/** The in-page RTCPeerConnection loopback stand-in (it logs its own "stand-in: …" line in the page). */
export function rtcStandInScript(): Promise<string> {
  return readFile(join(sources, 'rtc-loopback-standin.js'), 'utf8');
}

/** A WebKit browser under a private Xvfb, driven over WebDriver. */
export interface RunningWebKit {
  readonly session: WebDriverSession;
  readonly mode: WebKitMode;
  close(): Promise<void>;
}

/**
 * Starts Xvfb (a free display), WebKitWebDriver (a free loopback port) and a WebKit session in
 * `mode`; a persistent session keeps its website data in `profileDir`. `close` ends all three.
 */
export async function launchWebKit(mode: WebKitMode, profileDir?: string): Promise<RunningWebKit> {
  const { pluginDir, host } = await standIns();
  const started: ChildProcess[] = [];
  const stop = async () => {
    for (const child of started.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
  };
  try {
    const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(xvfb);
    const display = (await waitForOutput(xvfb, /^\d+\n/m, 10_000)).trim();
    const port = await freePort();
    const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`, '--host=local'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DISPLAY: `:${display}`,
        GST_PLUGIN_PATH: pluginDir,
        // No GPU here: Mesa's software GL starves the page; Skia on the CPU does not.
        WEBKIT_DISABLE_COMPOSITING_MODE: '1',
        WEBKIT_SKIA_ENABLE_CPU_RENDERING: '1',
      },
    });
    started.push(driver);
    driver.stdout?.resume();
    driver.stderr?.resume();
    const base = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${base}/status`).catch(() => undefined))?.ok === true, 10_000, 'WebKitWebDriver did not answer');
    const media = ['--enable-media-stream=true', '--enable-mock-capture-devices=true', '--enable-webaudio=true', '--media-playback-requires-user-gesture=false'];
    if (mode === 'persistent' && profileDir === undefined) throw new Error('A persistent WebKit session needs a profile directory');
    const browserOptions = mode === 'ephemeral' ? { binary: MINIBROWSER, args: ['--automation', ...media] } : { binary: host, args: [profileDir, '--automation'] };
    if (mode === 'persistent') {
      console.log(`stand-in: a persistent WebKitGTK session (MiniBrowser --automation is always ephemeral): test/support/webkit/persistent-host.c, website data in ${profileDir}`);
    }
    const session = await WebDriverSession.create(base, { 'webkitgtk:browserOptions': browserOptions });
    return {
      session,
      mode,
      close: async () => {
        await session.delete();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

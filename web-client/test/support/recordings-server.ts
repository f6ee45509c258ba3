import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The server jar, built by the root Maven build; override with RECORDINGS_SERVER_JAR. */
export const SERVER_JAR = resolve(process.env.RECORDINGS_SERVER_JAR ?? join(import.meta.dirname, '../../../adapter-http/target/recordings-server.jar'));
/** The built demo page the server serves at `/`. */
export const WEB_DIR = resolve(import.meta.dirname, '../../dist');

const READY_TIMEOUT_MS = 90_000;
/**
 * The line the server prints once it listens, with the port it chose (ListeningBanner); read the
 * same way by adapter-http's test-jar ServerProcess and by bin/lib/listening.sh (bench, bin/recordings-server).
 */
const LISTENING = /Recordings API listening on (http:\/\/127\.0\.0\.1:\d+) \(/;

/** A recordings server started by a test, on 127.0.0.1 at a port it picks, with a temp data dir. */
export interface RunningServer {
  readonly url: string;
  /** What the server printed so far, for failure messages. */
  output(): string;
  /** Kills the server (by pid) and deletes its data dir. */
  stop(): Promise<void>;
}

/**
 * Starts `java -jar recordings-server.jar` with the local backend and waits until `GET /health`
 * answers 200. `env` adds settings. Processing is off unless a test asks for it
 * (`RECORDING_PROCESSING_ENABLED: 'true'`): an x264 transcode beside a browser that records is
 * CPU the recording under test would miss on a 2-core machine.
 *
 * @throws Error when the jar or the built page is missing, or the server is not healthy in 90 s
 */
export async function startRecordingsServer(env: Readonly<Record<string, string>> = {}): Promise<RunningServer> {
  if (!existsSync(SERVER_JAR)) {
    throw new Error(`Recordings server jar not found at ${SERVER_JAR}: build it first (mvn -B package from the repository root)`);
  }
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    throw new Error(`No built web client at ${WEB_DIR}: run npm run build first`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'call-recordings-e2e-data-'));
  const child = spawn('java', ['-jar', SERVER_JAR], {
    env: {
      ...process.env,
      // The server picks its port and prints it: a port found free here could be taken by any
      // socket of the machine before the child's JVM binds it.
      MICRONAUT_SERVER_PORT: '-1',
      MICRONAUT_SERVER_HOST: '127.0.0.1',
      RECORDINGS_DATA_DIR: dataDir,
      RECORDING_WEB_DIR: WEB_DIR,
      RECORDING_PROCESSING_ENABLED: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (running && child.pid !== undefined) {
      process.kill(child.pid, 'SIGTERM');
      const killer = setTimeout(() => child.pid !== undefined && running && process.kill(child.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let url: string | undefined;
  while (url === undefined || !(await healthy(url))) {
    url ??= LISTENING.exec(output)?.[1];
    if (!running || Date.now() > deadline) {
      await stop();
      throw new Error(`Recordings server did not become healthy${url === undefined ? '' : ` at ${url}/health`}${running ? ' in 90 s' : ' (it exited)'}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, output: () => output, stop };
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`)).status === 200;
  } catch {
    return false;
  }
}

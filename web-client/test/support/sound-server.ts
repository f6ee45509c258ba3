import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const READY_TIMEOUT_MS = 10_000;

/** A PulseAudio server started by the tests. */
export interface SoundServer {
  /** For `PULSE_SERVER`. */
  readonly address: string;
  /** Kills it (by pid) and deletes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts PulseAudio with one null sink (an output device that plays to nowhere) on a socket of
 * its own. Firefox runs an `AudioContext` only with an output device: on a machine without a
 * sound card it stays `suspended` forever, and every WebAudio mix is silence. Headless Chromium
 * has a fake output of its own and needs none.
 *
 * @throws Error when pulseaudio is missing (bin/test installs it) or its socket does not appear in 10 s
 */
export async function startSoundServer(): Promise<SoundServer> {
  const dir = await mkdtemp(join(tmpdir(), 'call-recordings-sound-'));
  const socket = join(dir, 'native');
  const child = spawn(
    'pulseaudio',
    ['-n', '--daemonize=no', '--exit-idle-time=-1', '--use-pid-file=no', '--system=false', '-L', 'module-null-sink', '-L', `module-native-protocol-unix socket=${socket} auth-anonymous=1`],
    { env: { ...process.env, HOME: dir, XDG_RUNTIME_DIR: dir }, stdio: 'ignore' },
  );
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`Could not start pulseaudio (apt-get install -y pulseaudio): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`pulseaudio exited with ${code} before it listened`)));
  });
  const listening = (async () => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!existsSync(socket)) {
      if (Date.now() > deadline) throw new Error(`pulseaudio did not create ${socket} in ${READY_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    await Promise.race([listening, failed]);
  } catch (error) {
    child.kill();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  failed.catch(() => undefined);
  return {
    address: `unix:${socket}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

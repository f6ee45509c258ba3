import { startSoundServer } from './sound-server.ts';

/**
 * Vitest global setup: one sound server for the run, handed to every browser through
 * `PULSE_SERVER` (the browsers, and the e2e test workers, inherit this process's environment).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await startSoundServer();
  process.env.PULSE_SERVER = server.address;
  return () => server.stop();
}

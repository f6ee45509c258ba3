import type { BrowserCommand } from 'vitest/node';
import { startStallingServer } from './stalling-server.ts';

let running: Awaited<ReturnType<typeof startStallingServer>> | undefined;

/** Starts the {@link startStallingServer} for a browser test and returns its URL (one at a time). */
export const startStalledServer: BrowserCommand<[], string> = async () => {
  await running?.stop();
  running = await startStallingServer();
  return running.url;
};

/** How many requests the stalled server holds, then stops it. */
export const stopStalledServer: BrowserCommand<[], number> = async () => {
  const requests = running?.requests() ?? 0;
  await running?.stop();
  running = undefined;
  return requests;
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    startStalledServer: () => Promise<string>;
    stopStalledServer: () => Promise<number>;
  }
}

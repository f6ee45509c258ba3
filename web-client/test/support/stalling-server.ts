import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 (a port chosen at run time) that accepts every connection and
 * reads every request but never answers: what a stalled connection looks like to a client.
 * `stop()` ends the held connections and closes it.
 */
export async function startStallingServer(): Promise<{ readonly url: string; readonly requests: () => number; stop(): Promise<void> }> {
  const held: ServerResponse[] = [];
  const server: Server = createServer((request, response) => {
    request.resume();
    held.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => held.length,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

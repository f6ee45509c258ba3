import { commands } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError, TimeoutError } from '../../src/upload/errors';
import { createXhrPut } from '../../src/upload/put-transport';

describe('the XHR PUT in Chromium', () => {
  afterEach(async () => {
    await commands.stopStalledServer();
  });

  it('aborts a PUT to a server that accepts the connection and never answers, with a retryable TimeoutError', async () => {
    const url = await commands.startStalledServer();
    const put = createXhrPut({ stallTimeoutMs: 1_000 });

    const started = performance.now();
    const error = await put(`${url}/part-1`, new Blob([new Uint8Array(64 * 1024)]), { 'Content-Type': 'video/webm' }, () => undefined).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/stalled: no progress and no answer in 1000 ms/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    // The connection was real: the server holds what the browser sent (the CORS preflight or the PUT).
    expect(await commands.stopStalledServer()).toBeGreaterThanOrEqual(1);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A small classic W3C WebDriver client (HTTP + JSON, through `fetch`) for `WebKitWebDriver`, which
 * speaks no BiDi: sessions, navigation, scripts, elements, frames and clicks, nothing else.
 */
export class WebDriverSession {
  private constructor(
    private readonly base: string,
    readonly id: string,
  ) {}

  /** Opens a session on the driver at `base` (`http://127.0.0.1:PORT`). */
  static async create(base: string, capabilities: Record<string, unknown>): Promise<WebDriverSession> {
    const value = await call<{ sessionId: string }>(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new WebDriverSession(base, value.sessionId);
  }

  navigate(url: string): Promise<void> {
    return this.call('POST', '/url', { url });
  }

  /** Runs `script` (a function body; `arguments` holds `args`) and returns its result (a Promise is awaited). */
  execute<T>(script: string, ...args: unknown[]): Promise<T> {
    return this.call('POST', '/execute/sync', { script, args });
  }

  /** The first element matching `css`, in the current frame. */
  async find(css: string): Promise<ElementReference> {
    return this.call('POST', '/element', { using: 'css selector', value: css });
  }

  /** A real click (browser-generated input, so the page gets a user activation). */
  async click(css: string): Promise<void> {
    const element = await this.find(css);
    await this.call('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  /** Switches to the frame `element` (or back to the top document with `null`). */
  async frame(element: ElementReference | null): Promise<void> {
    await this.call('POST', '/frame', { id: element });
  }

  async delete(): Promise<void> {
    await this.call('DELETE', '', undefined).catch(() => undefined);
  }

  private call<T>(method: string, path: string, body: unknown): Promise<T> {
    return call<T>(this.base, method, `/session/${this.id}${path}`, body);
  }
}

/** The key of a W3C element reference. */
export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export type ElementReference = { readonly [ELEMENT]: string };

async function call<T>(base: string, method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as { value: T & { error?: string; message?: string } };
  if (!response.ok) {
    throw new Error(`WebDriver ${method} ${path}: ${json.value.error ?? response.status}: ${json.value.message ?? ''}`);
  }
  return json.value;
}

/** A free loopback port (the driver takes a port number, not 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once `process` printed a line matching `pattern` on stdout or stderr, rejects when it exits first or after `timeoutMs`. */
export function waitForOutput(process: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms: ${seen}`)), timeoutMs);
    const onData = (data: Buffer) => {
      seen += data.toString();
      const match = pattern.exec(seen);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    process.stdout?.on('data', onData);
    process.stderr?.on('data', onData);
    process.once('exit', (code) => (clearTimeout(timer), reject(new Error(`exited with ${code} before ${pattern}: ${seen}`))));
  });
}

export { spawn };

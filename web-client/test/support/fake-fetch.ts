/** A request a {@link FakeFetch} saw. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

type Reply = Response | Error;

/** A `fetch` that answers from a queue per "METHOD path" and records every request. */
export class FakeFetch {
  readonly seen: SeenRequest[] = [];
  private readonly replies = new Map<string, Reply[]>();

  /** Queues replies for `route`, e.g. `'POST /recordings/upload-url'`; the last one repeats. */
  on(route: string, ...replies: Reply[]): this {
    this.replies.set(route, replies);
    return this;
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : init?.body;
    this.seen.push({ method, url: url.toString(), headers: { ...(init?.headers as Record<string, string>) }, body });
    const queue = this.replies.get(`${method} ${url.pathname}`);
    const reply = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    if (reply === undefined) {
      throw new Error(`FakeFetch has no reply for ${method} ${url.pathname}`);
    }
    if (reply instanceof Error) {
      throw reply;
    }
    return reply.clone();
  };
}

/** A JSON response. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** An `application/problem+json` error response. */
export function problem(status: number, title: string, detail: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

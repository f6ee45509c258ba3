import type { PutTransport } from '../../src/upload/put-transport';
import { HttpError } from '../../src/upload/errors';

/** A PUT the fake storage saw. */
export interface SeenPut {
  readonly kind: 'part' | 'single';
  readonly partNumber: number;
  readonly size: number;
  readonly outcome: 'stored' | 'failed';
}

/**
 * The recordings API and its object storage in one fake, for unit tests of uploads: multipart
 * start, part signing (URLs carry an expiry and accept exactly the signed size, 403 otherwise), stored-part listing, completion that joins the parts
 * and enforces the minimum part size, and the seed's single PUT. `failPut` decides per PUT whether
 * it fails (and how).
 */
export class FakeStorageServer {
  readonly puts: SeenPut[] = [];
  readonly signRequests: number[][] = [];
  readonly parts = new Map<number, { bytes: Uint8Array; etag: string }>();
  object: Uint8Array | undefined;
  completion: { parts?: { part_number: number; etag: string }[]; duration_ms?: number } | undefined;
  failPut: (put: { partNumber: number; attempt: number; url: string }) => Error | undefined = () => undefined;
  /** Seconds a signed URL is valid. */
  urlLifetimeSeconds = 1800;
  multipartStarts = 0;
  /** The multipart ticket's `processing`; `undefined` leaves it out, as a server older than processing does. */
  processing: boolean | undefined = undefined;
  private attempts = new Map<number, number>();
  private signature = 0;
  private readonly revoked = new Set<string>();
  private gone = false;
  private completed = false;

  constructor(
    readonly minPartSize: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Makes every URL signed so far answer 403, as an expired presigned URL does. */
  expireUrls(): void {
    for (let s = 0; s <= this.signature; s += 1) this.revoked.add(String(s));
  }

  /** Forgets the upload, as the server's sweep does after the upload window. */
  forgetUpload(): void {
    this.gone = true;
  }

  /**
   * Completes the upload with the parts stored from part 1 on, as the server's sweep salvages an
   * upload whose client is gone: the recording is `partial`, and a replacement upload holds copies
   * of those parts under new ETags. `keepReplacement: false`: the store dropped the replacement.
   */
  salvage(keepReplacement = true): void {
    const joined: Uint8Array[] = [];
    for (let n = 1; this.parts.has(n); n += 1) joined.push(this.parts.get(n)!.bytes);
    this.object = concat(joined);
    this.completed = true;
    this.partial = true;
    const copies = [...this.parts.entries()].filter(([n]) => n <= joined.length).map(([n, p]) => [n, { bytes: p.bytes, etag: `"copy-${n}"` }] as const);
    this.parts.clear();
    if (keepReplacement) this.replacement = new Map(copies);
  }

  /** `true` while the recording is the salvaged start of the call. */
  partial = false;
  replacementStarts = 0;
  private replacement: Map<number, { bytes: Uint8Array; etag: string }> | undefined;

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const path = url.pathname;
    if (method === 'POST' && path === '/recordings/multipart') {
      this.multipartStarts += 1;
      return json(201, { recording_id: 'r1', s3_key: 'recordings/room-1/x.webm', upload_id: 'u1', min_part_size: this.minPartSize, ...(this.processing === undefined ? {} : { processing: this.processing }) });
    }
    if (method === 'POST' && path === '/recordings/upload-url') {
      return json(201, { upload_url: 'mem://single', recording_id: 'r2', s3_key: 'k', expires_in: 1800, upload_headers: { 'Content-Type': String(body['contentType']) } });
    }
    if (this.gone && path.startsWith('/recordings/r1/')) {
      return json(404, { title: 'Not Found', status: 404 });
    }
    if (method === 'GET' && path === '/recordings/r1') {
      return json(200, { recording_id: 'r1', status: this.completed ? 'COMPLETED' : 'PENDING', ...(this.completed ? { partial: this.partial } : {}) });
    }
    if (method === 'POST' && path === '/recordings/r1/replacement') {
      this.replacementStarts += 1;
      if (!this.partial || this.replacement === undefined) {
        return json(409, { title: 'Conflict', status: 409 });
      }
      for (const [n, part] of this.replacement) this.parts.set(n, part);
      this.replacement = undefined;
      return json(200, { recording_id: 'r1', upload_id: 'u2', min_part_size: this.minPartSize, parts: [...this.parts.entries()].map(([n, p]) => ({ part_number: n, etag: p.etag, size: p.bytes.length })) });
    }
    if (this.completed && path === '/recordings/r1/parts' && !(this.partial && method === 'POST')) {
      // As the server answers once the multipart upload was completed: no upload in progress.
      return json(409, { title: 'Conflict', status: 409 });
    }
    if (method === 'POST' && path === '/recordings/r1/parts') {
      const parts = body['parts'] as { part_number: number; size: number }[];
      this.signRequests.push(parts.map((p) => p.part_number));
      this.signature += 1;
      return json(200, {
        parts: parts.map((p) => ({
          part_number: p.part_number,
          upload_url: `mem://part/${p.part_number}?sig=${this.signature}&size=${p.size}`,
          upload_headers: { 'Content-Type': 'video/webm', 'Content-Length': String(p.size) },
          expires_in: this.urlLifetimeSeconds,
        })),
      });
    }
    if (method === 'GET' && path === '/recordings/r1/parts') {
      return json(200, { parts: [...this.parts.entries()].map(([n, p]) => ({ part_number: n, etag: p.etag, size: p.bytes.length })) });
    }
    if (method === 'POST' && (path === '/recordings/r1/complete' || path === '/recordings/r2/complete')) {
      this.completion = body as typeof this.completion;
      if (path === '/recordings/r1/complete') {
        const parts = (body['parts'] as { part_number: number; etag: string }[]).map((p, i, all) => {
          const stored = this.parts.get(p.part_number);
          if (stored === undefined || stored.etag !== p.etag) throw new Error(`part ${p.part_number} unknown or etag differs`);
          if (i < all.length - 1 && stored.bytes.length < this.minPartSize) throw new Error(`part ${p.part_number} too small`);
          return stored.bytes;
        });
        this.object = concat(parts);
        this.completed = true;
        this.partial = false;
      }
      return json(200, { recording_id: path.split('/')[2], status: 'COMPLETED', partial: false });
    }
    throw new Error(`FakeStorageServer has no route ${method} ${path}`);
  };

  readonly put: PutTransport = async (url, body, _headers, onProgress) => {
    const partNumber = url === 'mem://single' ? 0 : Number(/part\/(\d+)/.exec(url)?.[1]);
    const attempt = (this.attempts.get(partNumber) ?? 0) + 1;
    this.attempts.set(partNumber, attempt);
    const kind = partNumber === 0 ? 'single' : 'part';
    const signature = /sig=(\d+)/.exec(url)?.[1];
    const signedSize = /size=(\d+)/.exec(url)?.[1];
    // As S3 (a signed Content-Length) and the local store (the length in the capability) refuse another length.
    const wrongSize = signedSize !== undefined && Number(signedSize) !== body.size;
    const failure = (signature !== undefined && this.revoked.has(signature)) || wrongSize ? new HttpError(403, { title: 'Forbidden' }) : this.failPut({ partNumber, attempt, url });
    if (failure !== undefined) {
      this.puts.push({ kind, partNumber, size: body.size, outcome: 'failed' });
      throw failure;
    }
    const bytes = new Uint8Array(await body.arrayBuffer());
    this.puts.push({ kind, partNumber, size: body.size, outcome: 'stored' });
    onProgress(body.size, body.size);
    if (kind === 'single') {
      this.object = bytes;
      return { etag: null };
    }
    const etag = `"etag-${partNumber}-${bytes.length}-${this.clock()}"`;
    this.parts.set(partNumber, { bytes, etag });
    return { etag };
  };

  /** Part numbers stored successfully, in PUT order. */
  storedPuts(): number[] {
    return this.puts.filter((p) => p.outcome === 'stored').map((p) => p.partNumber);
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

import { HttpError, NetworkError, TimeoutError } from './errors';

/** What a successful PUT answered: a multipart part is known by its ETag. */
export interface PutResult {
  /** The `ETag` response header, or `null` when absent (or not exposed by CORS). */
  readonly etag: string | null;
}

/** Uploads `body` to a presigned URL with the given headers, reporting bytes sent. */
export type PutTransport = (
  url: string,
  body: Blob,
  headers: Readonly<Record<string, string>>,
  onProgress: (loaded: number, total: number) => void,
) => Promise<PutResult>;

/** Headers the browser sets itself and refuses from scripts; it sends the Blob's exact length. */
const BROWSER_OWNED_HEADERS = new Set(['content-length', 'host', 'connection']);

/** A PUT that neither sends a byte nor gets an answer for this long has stalled; default of {@link createXhrPut}. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/**
 * PUT through XMLHttpRequest, the one browser API that reports upload progress (fetch cannot
 * over HTTP/1.1). A PUT with no progress and no answer for `stallTimeoutMs` is aborted and fails
 * with a (retryable) {@link TimeoutError}: a stalled connection must not block completion
 * forever, while a slow one that keeps sending is left alone (a fixed timeout would cut a 5 MiB
 * part on a slow uplink).
 */
export function createXhrPut(options: { readonly stallTimeoutMs?: number } = {}): PutTransport {
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  return (url, body, headers, onProgress) => put(url, body, headers, onProgress, stallTimeoutMs);
}

function put(url: string, body: Blob, headers: Readonly<Record<string, string>>, onProgress: (loaded: number, total: number) => void, stallTimeoutMs: number): Promise<PutResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    let stalled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        request.abort();
      }, stallTimeoutMs);
    };
    request.addEventListener('loadend', () => clearTimeout(timer));
    request.upload.addEventListener('progress', watch);
    request.addEventListener('progress', watch);
    request.addEventListener('readystatechange', watch);
    request.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      if (!BROWSER_OWNED_HEADERS.has(name.toLowerCase())) {
        request.setRequestHeader(name, value);
      }
    }
    request.upload.addEventListener('progress', (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.size));
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(body.size, body.size);
        resolve({ etag: request.getResponseHeader('ETag') });
      } else {
        reject(new HttpError(request.status, { title: request.statusText }));
      }
    });
    request.addEventListener('error', () => reject(new NetworkError(`PUT ${url} got no answer`)));
    request.addEventListener('abort', () =>
      reject(stalled ? new TimeoutError(`PUT ${url} stalled: no progress and no answer in ${stallTimeoutMs} ms`) : new NetworkError(`PUT ${url} was aborted`)),
    );
    request.send(body);
    watch();
  });
}

/** {@link createXhrPut} with the default stall timeout. */
export const xhrPut: PutTransport = createXhrPut();

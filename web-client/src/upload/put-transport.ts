import { HttpError, NetworkError } from './errors';

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

/**
 * PUT through XMLHttpRequest, the one browser API that reports upload progress (fetch cannot
 * over HTTP/1.1).
 */
export const xhrPut: PutTransport = (url, body, headers, onProgress) =>
  new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
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
    request.addEventListener('abort', () => reject(new NetworkError(`PUT ${url} was aborted`)));
    request.send(body);
  });

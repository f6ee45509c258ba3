import type { PartToSign, PartUpload } from './api-types';
import { UnexpectedResponseError } from './errors';
import { MAX_PARTS_PER_REQUEST, type RecordingsApi } from './recordings-api';

/** A part URL this close to its expiry is signed again before use. */
const URL_EXPIRY_MARGIN_MS = 60_000;

/** A part to sign a URL for: its number and its exact size in bytes, which the URL binds. */
export interface PartSize {
  readonly partNumber: number;
  readonly size: number;
}

/**
 * The presigned part URLs of one multipart upload: signed in batches of at most 100, each for its
 * part's exact size (storage refuses another length), reused until a minute before they expire or
 * until the part is to go up with another size (a held part 1 with its Duration written), forgotten
 * when storage refuses one.
 */
export class PartUrlCache {
  private readonly urls = new Map<number, { readonly part: PartUpload; readonly size: number; readonly expiresAt: number }>();

  constructor(
    private readonly api: RecordingsApi,
    private readonly recordingId: string,
    private readonly clock: () => number,
  ) {}

  /** A fresh URL for `part`, signed now if needed. */
  async get(part: PartSize): Promise<PartUpload> {
    await this.sign([part]);
    const signed = this.urls.get(part.partNumber);
    if (signed === undefined) {
      throw new UnexpectedResponseError(`The server signed no URL for part ${part.partNumber}`);
    }
    return signed.part;
  }

  /** Signs URLs for the parts that have no fresh one of their size, in requests of at most 100. */
  async sign(parts: readonly PartSize[]): Promise<void> {
    const now = this.clock();
    const needed = parts.filter((p) => {
      const signed = this.urls.get(p.partNumber);
      return signed === undefined || signed.size !== p.size || signed.expiresAt - now <= URL_EXPIRY_MARGIN_MS;
    });
    for (let i = 0; i < needed.length; i += MAX_PARTS_PER_REQUEST) {
      const batch = needed.slice(i, i + MAX_PARTS_PER_REQUEST);
      const request: PartToSign[] = batch.map((p) => ({ part_number: p.partNumber, size: p.size }));
      const signed = await this.api.signParts(this.recordingId, request);
      const signedAt = this.clock();
      for (const part of signed) {
        const size = batch.find((p) => p.partNumber === part.part_number)?.size;
        if (size !== undefined) {
          this.urls.set(part.part_number, { part, size, expiresAt: signedAt + part.expires_in * 1000 });
        }
      }
    }
  }

  /** Drops the URL of `partNumber` (storage refused it), so the next use signs a new one. */
  forget(partNumber: number): void {
    this.urls.delete(partNumber);
  }
}

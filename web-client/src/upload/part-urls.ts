import type { PartUpload } from './api-types';
import { UnexpectedResponseError } from './errors';
import { MAX_PARTS_PER_REQUEST, type RecordingsApi } from './recordings-api';

/** A part URL this close to its expiry is signed again before use. */
const URL_EXPIRY_MARGIN_MS = 60_000;

/**
 * The presigned part URLs of one multipart upload: signed in batches of at most 100, reused until
 * a minute before they expire, forgotten when storage refuses one.
 */
export class PartUrlCache {
  private readonly urls = new Map<number, { readonly part: PartUpload; readonly expiresAt: number }>();

  constructor(
    private readonly api: RecordingsApi,
    private readonly recordingId: string,
    private readonly clock: () => number,
  ) {}

  /** A fresh URL for `partNumber`, signed now if needed. */
  async get(partNumber: number): Promise<PartUpload> {
    await this.sign([partNumber]);
    const signed = this.urls.get(partNumber);
    if (signed === undefined) {
      throw new UnexpectedResponseError(`The server signed no URL for part ${partNumber}`);
    }
    return signed.part;
  }

  /** Signs URLs for the part numbers that have no fresh one, in requests of at most 100. */
  async sign(partNumbers: readonly number[]): Promise<void> {
    const now = this.clock();
    const needed = partNumbers.filter((n) => (this.urls.get(n)?.expiresAt ?? 0) - now <= URL_EXPIRY_MARGIN_MS);
    for (let i = 0; i < needed.length; i += MAX_PARTS_PER_REQUEST) {
      const signed = await this.api.signParts(this.recordingId, needed.slice(i, i + MAX_PARTS_PER_REQUEST));
      const signedAt = this.clock();
      for (const part of signed) {
        this.urls.set(part.part_number, { part, expiresAt: signedAt + part.expires_in * 1000 });
      }
    }
  }

  /** Drops the URL of `partNumber` (storage refused it), so the next use signs a new one. */
  forget(partNumber: number): void {
    this.urls.delete(partNumber);
  }
}

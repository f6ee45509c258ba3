import type { JournalUpload } from '../journal/journal';
import type { CompletedPart, RecordingView, StoredPart } from './api-types';
import { ExpiredUrlError, HttpError, UnexpectedResponseError } from './errors';
import type { FirstPart, PlannedPart } from './part-plan';
import { PartUrlCache, type PartSize } from './part-urls';
import type { PutTransport } from './put-transport';
import type { RecordingsApi } from './recordings-api';

/** A part the storage holds, with its size to match against the plan. */
interface DonePart extends CompletedPart {
  readonly size: number;
}

/**
 * One multipart upload on the server: which parts it holds (with their ETags), one PUT of a part
 * (a 403 signs a fresh URL on the next try), and the completion. Retries are the caller's.
 */
export class MultipartSession {
  private readonly done = new Map<number, DonePart>();
  private readonly urls: PartUrlCache;

  constructor(
    private readonly api: RecordingsApi,
    readonly upload: JournalUpload,
    private readonly put: PutTransport,
    clock: () => number,
  ) {
    this.urls = new PartUrlCache(api, upload.recordingId, clock);
  }

  /** Part numbers the server confirmed, ascending. */
  get partNumbers(): number[] {
    return [...this.done.keys()].sort((a, b) => a - b);
  }

  /** Bytes the server confirmed. */
  get confirmedBytes(): number {
    return [...this.done.values()].reduce((sum, part) => sum + part.size, 0);
  }

  has(partNumber: number): boolean {
    return this.done.has(partNumber);
  }

  /** `GET …/parts`: what the server stores. */
  stored(): Promise<StoredPart[]> {
    return this.api.storedParts(this.upload.recordingId);
  }

  /** Counts the stored parts that match the plan (a `held` part 1 aside: it always goes up again with the Duration). */
  adopt(stored: readonly StoredPart[], plan: readonly PlannedPart[], firstPart: FirstPart): void {
    for (const part of stored) {
      const counts = (planned: PlannedPart) => planned.partNumber > 1 || firstPart === 'eager';
      if (plan.some((planned) => planned.partNumber === part.part_number && counts(planned) && planned.size === part.size)) {
        this.done.set(part.part_number, { part_number: part.part_number, etag: part.etag, size: part.size });
      }
    }
  }

  /** Signs the URLs of these parts, each for its size, in as few requests as it takes. */
  sign(parts: readonly PartSize[]): Promise<void> {
    return this.urls.sign(parts);
  }

  /** One PUT of `body` as `part` (its URL signed for `body`'s size); records its ETag. */
  async putPart(part: PlannedPart, body: Blob): Promise<void> {
    const signed = await this.urls.get({ partNumber: part.partNumber, size: body.size });
    let etag: string | null;
    try {
      ({ etag } = await this.put(signed.upload_url, body, signed.upload_headers, () => undefined));
    } catch (error) {
      if (error instanceof HttpError && error.status === 403) {
        this.urls.forget(part.partNumber);
        throw new ExpiredUrlError(`Storage refused the URL of part ${part.partNumber}; signing a fresh one`, { cause: error });
      }
      throw error;
    }
    if (etag === null) {
      throw new UnexpectedResponseError(`The PUT of part ${part.partNumber} answered without an ETag (does the storage's CORS expose it?)`);
    }
    this.done.set(part.partNumber, { part_number: part.partNumber, etag, size: body.size });
  }

  /** `POST …/complete` with every confirmed part. */
  complete(durationMs: number): Promise<RecordingView> {
    const parts = this.partNumbers.map((n) => ({ part_number: n, etag: this.done.get(n)?.etag ?? '' }));
    return this.api.complete(this.upload.recordingId, { parts, duration_ms: durationMs });
  }
}

import type { RecordingQuery, RecordingView } from '../upload/api-types';
import { HttpError } from '../upload/errors';

/** What the library's search form holds: raw field values, as typed. */
export interface LibraryFilters {
  readonly q: string;
  readonly room: string;
  /** `YYYY-MM-DD` from `<input type="date">`, or empty. */
  readonly from: string;
  /** `YYYY-MM-DD`, or empty; the whole day is included. */
  readonly to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The `GET /recordings` query for the form: empty fields are left out; `from` is the start of its
 * day and `to` the start of the day after (the API's `to` is exclusive), both in the browser's
 * time zone. Nothing else is judged here: `q` over 200 characters or `from` after `to` go to the
 * server, whose problem names the field.
 *
 * @example libraryQuery({ q: ' sync ', room: '', from: '', to: '' }) // { q: 'sync' }
 */
export function libraryQuery(filters: LibraryFilters, page: { limit?: number; nextToken?: string } = {}): RecordingQuery {
  const q = filters.q.trim();
  const room = filters.room.trim();
  return {
    ...(q === '' ? {} : { q }),
    ...(room === '' ? {} : { roomId: room }),
    ...(DAY.test(filters.from) ? { from: startOfDay(filters.from, 0) } : {}),
    ...(DAY.test(filters.to) ? { to: startOfDay(filters.to, 1) } : {}),
    ...(page.limit === undefined ? {} : { limit: page.limit }),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}

function startOfDay(day: string, plusDays: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + plusDays).toISOString();
}

/**
 * What `<video>` plays inline: the MP4 rendition once processed (plays everywhere), else the
 * original, named as a medium of the recording's stable media address (`/recordings/{id}/media/…`).
 */
export function playableSource(recording: RecordingView): { readonly media: 'mp4' | 'original'; readonly type: string } | undefined {
  if (recording.status !== 'COMPLETED') {
    return undefined;
  }
  // The original is listed among the renditions too, as `mp4` when it is one (Safari's).
  const mp4s = recording.renditions?.filter((rendition) => rendition.format === 'mp4').length ?? 0;
  if (mp4s > (recording.content_type.startsWith('video/mp4') ? 1 : 0)) {
    return { media: 'mp4', type: 'video/mp4' };
  }
  return recording.download_url ? { media: 'original', type: recording.content_type } : undefined;
}

/** The processing state in words, for the card. */
export function processingLabel(recording: RecordingView): string {
  if (recording.status !== 'COMPLETED') {
    return recording.status === 'PENDING' ? 'uploading' : 'abandoned';
  }
  switch (recording.processing) {
    case 'queued':
    case 'running':
      return 'processing…';
    case 'failed':
      return 'processing failed';
    case 'ready':
      return 'ready';
    default:
      return 'original only';
  }
}

/**
 * What a partial recording lacks, in words; `undefined` for a whole one. The server completed it
 * with the parts it had because the browser never finished the upload (`client_gone`).
 */
export function partialNote(recording: RecordingView): string | undefined {
  if (recording.partial !== true) {
    return undefined;
  }
  return recording.partial_reason === 'client_gone'
    ? 'partial: the browser never finished uploading; this is the call up to the last part that arrived'
    : 'partial: the end of the call is missing';
}

/** The results line (read out by screen readers through `role="status"`). */
export function resultsText(shown: number, more: boolean, filtered: boolean): string {
  if (shown === 0) {
    return filtered ? 'No recordings match.' : 'No recordings yet.';
  }
  const count = `${shown} recording${shown === 1 ? '' : 's'}`;
  return `${count}${filtered ? ' match' : ''}${more ? ', more to load' : ''}.`;
}

/**
 * An error as the page shows it: the API's own words (`detail`, and the field at fault) for an
 * answered request, the error's message otherwise. Never swallowed, never a bare "error".
 */
export function errorText(error: unknown): string {
  if (error instanceof HttpError && error.problem?.detail) {
    const field = error.problem.field ? ` (${error.problem.field})` : '';
    return `${error.problem.detail}${field}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The id in a `#recording-<id>` link (an email's), or undefined. */
export function linkedRecordingId(hash: string): string | undefined {
  const match = /^#recording-([^&]+)(?:&.*)?$/.exec(hash);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/**
 * The moment `#recording-<id>&t=83` (seconds, or `1:23`, `1:02:03`) asks playback to start at,
 * in seconds; undefined without one.
 */
export function linkedTime(hash: string): number | undefined {
  const match = /&t=(?:(\d+):)?(?:(\d+):)?(\d+(?:\.\d+)?)$/.exec(hash);
  if (match === null) return undefined;
  return [match[1], match[2], match[3]].filter((part) => part !== undefined).map(Number).reduce((sum, part) => sum * 60 + part, 0);
}

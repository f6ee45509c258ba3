import type {
  CompleteRequest,
  DevToken,
  MultipartRequest,
  MultipartTicket,
  PartToSign,
  PartUpload,
  ProblemDetails,
  RecordingPage,
  RecordingQuery,
  RecordingView,
  ReplacementTicket,
  ShareLink,
  ShareRequest,
  ShareView,
  SpeakersView,
  StoredPart,
  UploadTicket,
  UploadUrlRequest,
} from './api-types';
import { HttpError, InvalidRoomIdError, NetworkError, TimeoutError, UnexpectedResponseError } from './errors';

/**
 * Gives the bearer token for `/recordings`, asked on every request. After a 401 it is asked once
 * more with `refresh: true` and the request is repeated, so a JWT that expires during a long call
 * is renewed instead of failing the upload at stop.
 */
export type TokenProvider = (request: { readonly refresh: boolean }) => string | Promise<string>;

/** Options of {@link RecordingsApi}. */
export interface RecordingsApiOptions {
  readonly token: TokenProvider;
  /** Origin (and path prefix) of the API; default `''`, the page's own origin. */
  readonly baseUrl?: string;
  /** Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** A request without a full answer after this long fails with a (retryable) {@link TimeoutError}; default 30 s. */
  readonly timeoutMs?: number;
}

/** How long an API call may take, answer included; a stalled connection must not block an upload forever. */
export const DEFAULT_API_TIMEOUT_MS = 30_000;

const ROOM_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The server signs at most this many part URLs per request. */
export const MAX_PARTS_PER_REQUEST = 100;

/**
 * Checks a room id the way the API does.
 *
 * @throws InvalidRoomIdError
 */
export function checkRoomId(roomId: string): string {
  if (!ROOM_ID.test(roomId)) {
    throw new InvalidRoomIdError(roomId);
  }
  return roomId;
}

/**
 * A client of the recordings HTTP API (JSON, snake_case, problem+json errors).
 *
 * @example
 * const { token } = await RecordingsApi.devToken('a@example.com');
 * const api = new RecordingsApi({ token: () => token });
 * const page = await api.list({ roomId: 'room-1' });
 */
export class RecordingsApi {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: RecordingsApiOptions) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_API_TIMEOUT_MS;
  }

  /** Gets a token from a server in dev auth mode (`POST /dev/token`). */
  static async devToken(email: string, options: Omit<RecordingsApiOptions, 'token'> = {}): Promise<DevToken> {
    const body = await send(
      options.fetch ?? globalThis.fetch.bind(globalThis),
      `${options.baseUrl ?? ''}/dev/token`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) },
      options.timeoutMs ?? DEFAULT_API_TIMEOUT_MS,
    );
    return expectFields<DevToken>(body, ['token', 'expires_in']);
  }

  /** `POST /recordings/upload-url`: registers a PENDING recording and returns where to PUT it. */
  async requestUploadUrl(request: UploadUrlRequest): Promise<UploadTicket> {
    checkRoomId(request.room_id);
    const body = await this.call('POST', '/recordings/upload-url', request);
    return expectFields<UploadTicket>(body, ['upload_url', 'recording_id', 'upload_headers']);
  }

  /**
   * `POST /recordings/{id}/complete`: the server checks the object (after a multipart upload, joins
   * `parts` first) and marks it COMPLETED.
   */
  async complete(recordingId: string, request: CompleteRequest = {}): Promise<RecordingView> {
    const body = await this.call('POST', `${recordingPath(recordingId)}/complete`, request);
    return expectFields<RecordingView>(body, ['recording_id', 'status']);
  }

  /** `POST /recordings/multipart`: registers a PENDING recording and starts a multipart upload. */
  async startMultipart(request: MultipartRequest): Promise<MultipartTicket> {
    checkRoomId(request.room_id);
    const body = await this.call('POST', '/recordings/multipart', request);
    return expectFields<MultipartTicket>(body, ['recording_id', 'upload_id', 'min_part_size']);
  }

  /**
   * `POST /recordings/{id}/parts`: presigned PUT URLs for at most {@link MAX_PARTS_PER_REQUEST} parts, each
   * accepting exactly its `size` (the sizes count towards the user's limits as they are signed).
   */
  async signParts(recordingId: string, parts: readonly PartToSign[]): Promise<PartUpload[]> {
    const body = await this.call('POST', `${recordingPath(recordingId)}/parts`, { parts });
    return expectFields<{ parts: PartUpload[] }>(body, ['parts']).parts;
  }

  /** `GET /recordings/{id}/parts`: the parts stored so far, to resume an upload. */
  async storedParts(recordingId: string): Promise<StoredPart[]> {
    const body = await this.call('GET', `${recordingPath(recordingId)}/parts`);
    return expectFields<{ parts: StoredPart[] }>(body, ['parts']).parts;
  }

  /**
   * `POST /recordings/{id}/replacement`: for a recording the server salvaged (`partial: true`) while
   * this browser was gone, the upload that replaces it with the whole call. Its `parts` are what
   * the server had, copied already; sign and put the others ({@link signParts}), then {@link complete}
   * with every part.
   */
  async startReplacement(recordingId: string): Promise<ReplacementTicket> {
    const body = await this.call('POST', `${recordingPath(recordingId)}/replacement`);
    return expectFields<ReplacementTicket>(body, ['recording_id', 'upload_id', 'min_part_size', 'parts']);
  }

  /** `DELETE /recordings/{id}/upload`: aborts a multipart upload and forgets the recording. */
  async abortUpload(recordingId: string): Promise<void> {
    await this.call('DELETE', `${recordingPath(recordingId)}/upload`);
  }

  /**
   * `GET /recordings`: the caller's recordings, newest first unless `sort: 'oldest'`, narrowed by
   * the filters given. Only the room id is checked here (as the upload calls check it); the other
   * filters go to the server as they are, so bad input (`from` after `to`, `q` over 200 characters)
   * comes back as the API's own problem (an {@link HttpError}) with the field at fault.
   */
  async list(query: RecordingQuery = {}): Promise<RecordingPage> {
    const params = new URLSearchParams();
    if (query.roomId !== undefined) params.set('room_id', checkRoomId(query.roomId));
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.nextToken !== undefined) params.set('next_token', query.nextToken);
    if (query.status !== undefined) params.set('status', query.status);
    if (query.processing !== undefined) params.set('processing', query.processing);
    if (query.from !== undefined) params.set('from', query.from);
    if (query.to !== undefined) params.set('to', query.to);
    if (query.q !== undefined) params.set('q', query.q);
    if (query.participant !== undefined) params.set('participant', query.participant);
    if (query.sort !== undefined) params.set('sort', query.sort);
    // Not `params.size`: Safari before 17 and Firefox before 112 lack it, and the filter was dropped.
    const encoded = params.toString();
    const search = encoded === '' ? '' : `?${encoded}`;
    const body = await this.call('GET', `/recordings${search}`);
    return expectFields<RecordingPage>(body, ['recordings']);
  }

  /** `POST /recordings/{id}/shares`: a link to the watch page (`/s/{token}`) anyone holding it may open. */
  async createShare(recordingId: string, request: ShareRequest = {}): Promise<ShareLink> {
    const body = await this.call('POST', `${recordingPath(recordingId)}/shares`, request);
    return expectFields<ShareLink>(body, ['share_id', 'url', 'expires_at']);
  }

  /** `GET /recordings/{id}/shares`: the recording's links (without their tokens, which the server keeps only hashed). */
  async listShares(recordingId: string): Promise<ShareView[]> {
    const body = await this.call('GET', `${recordingPath(recordingId)}/shares`);
    return expectFields<{ shares: ShareView[] }>(body, ['shares']).shares;
  }

  /** `DELETE /recordings/{id}/shares/{share_id}`: the link stops working at once. */
  async revokeShare(recordingId: string, shareId: string): Promise<void> {
    await this.call('DELETE', `${recordingPath(recordingId)}/shares/${encodeURIComponent(shareId)}`);
  }

  /** `GET /recordings/{id}`: one recording with a fresh download URL. */
  async get(recordingId: string): Promise<RecordingView> {
    const body = await this.call('GET', recordingPath(recordingId));
    return expectFields<RecordingView>(body, ['recording_id', 'status']);
  }

  /**
   * `POST /recordings/{id}/media`: lets this page's `<video>` and `<img>` load the recording from its
   * stable media address, {@link mediaUrl}, which a media element reaches without a header: the
   * server answers with an `HttpOnly` cookie for that recording's media path, and checks it (and
   * the recording) on every request. Call it again when the token was renewed.
   */
  async openMedia(recordingId: string): Promise<void> {
    await this.call('POST', `${recordingPath(recordingId)}/media`);
  }

  /**
   * The stable address of a recording's `mp4`, `original`, `poster` or storyboard track
   * (`storyboard.vtt`) for a player: every request is checked and redirected to a fresh
   * short-lived URL (the track is answered directly), so a player paused for an hour seeks on.
   */
  mediaUrl(recordingId: string, media: 'mp4' | 'original' | 'poster' | 'storyboard.vtt'): string {
    return `${this.baseUrl}${recordingPath(recordingId)}/media/${media}`;
  }

  /** `GET /recordings/{id}/speakers`: who spoke when, `pending` until processing made the recording ready. */
  async speakers(recordingId: string): Promise<SpeakersView> {
    const body = await this.call('GET', `${recordingPath(recordingId)}/speakers`);
    return expectFields<SpeakersView>(body, ['recording_id', 'state']);
  }

  /**
   * `GET /recordings/{id}/transcript?format=vtt`: the captions, each cue's speaker as a `<v name>`
   * voice tag; a 409 `HttpError` until the recording's `transcript` is `ready`.
   */
  async captions(recordingId: string): Promise<string> {
    const body = await this.call('GET', `${recordingPath(recordingId)}/transcript?format=vtt`, undefined, 'text/vtt');
    return typeof body === 'string' ? body : '';
  }

  /** `DELETE /recordings/{id}`. */
  async delete(recordingId: string): Promise<void> {
    await this.call('DELETE', recordingPath(recordingId));
  }

  /** `accept` other than JSON answers the body's text as it came. */
  private async call(method: string, path: string, json?: unknown, accept = 'application/json'): Promise<unknown> {
    const attempt = async (refresh: boolean) => {
      const headers: Record<string, string> = { Authorization: `Bearer ${await this.options.token({ refresh })}`, Accept: accept };
      const init: RequestInit = { method, headers };
      if (json !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(json);
      }
      return send(this.fetch, `${this.baseUrl}${path}`, init, this.timeoutMs, accept === 'application/json');
    };
    try {
      return await attempt(false);
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        return attempt(true);
      }
      throw error;
    }
  }
}

function recordingPath(recordingId: string): string {
  return `/recordings/${encodeURIComponent(recordingId)}`;
}

async function send(fetchFn: typeof fetch, url: string, init: RequestInit, timeoutMs: number, json = true): Promise<unknown> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(url, { ...init, signal });
    text = await response.text();
  } catch (error) {
    if (signal.aborted) {
      throw new TimeoutError(`${init.method ?? 'GET'} ${url} got no answer in ${timeoutMs} ms`, { cause: error });
    }
    throw new NetworkError(`${init.method ?? 'GET'} ${url} got no answer`, { cause: error });
  }
  if (!response.ok) {
    throw new HttpError(response.status, parseProblem(text, response.statusText));
  }
  if (!json) {
    return text;
  }
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UnexpectedResponseError(`${init.method ?? 'GET'} ${url} answered with invalid JSON`, { cause: error });
  }
}

function parseProblem(text: string, statusText: string): ProblemDetails {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      return parsed as ProblemDetails;
    }
  } catch {
    // Not JSON (e.g. a proxy's HTML page): fall back to the status text.
  }
  return { title: statusText };
}

function expectFields<T>(body: unknown, fields: readonly string[]): T {
  if (typeof body !== 'object' || body === null) {
    throw new UnexpectedResponseError(`Expected a JSON object with ${fields.join(', ')}`);
  }
  const missing = fields.filter((field) => !(field in body));
  if (missing.length > 0) {
    throw new UnexpectedResponseError(`Response lacks ${missing.join(', ')}`);
  }
  return body as T;
}

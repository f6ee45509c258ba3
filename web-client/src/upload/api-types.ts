// The API's wire types, taken from the contract: api-schema.ts is generated from
// adapter-http/openapi.yaml (`npm run generate:api`), so these names cannot drift from the server.
import type { components } from './api-schema';

type Schemas = components['schemas'];

/** Body of `POST /recordings/upload-url` (the seed contract; the seed's `contentType` is still read). */
export type UploadUrlRequest = Schemas['UploadUrlRequest'];

/** Answer of `POST /recordings/upload-url`: PUT the bytes to `upload_url` with exactly `upload_headers`. */
export type UploadTicket = Schemas['UploadTicket'];

/** Body of `POST /recordings/multipart`. */
export type MultipartRequest = Schemas['MultipartRequest'];

/** Answer of `POST /recordings/multipart`: every part but the last must have at least `min_part_size` bytes. */
export type MultipartTicket = Schemas['MultipartTicket'];

/**
 * Answer of `POST /recordings/{id}/replacement`: the upload that replaces a partial recording with
 * the whole call; `parts` are the ones the server holds already.
 */
export type ReplacementTicket = Schemas['ReplacementTicket'];

/** A part to sign in `POST /recordings/{id}/parts`: its number and its exact size, which the URL binds. */
export type PartToSign = Schemas['PartToSign'];

/** One presigned part URL of `POST /recordings/{id}/parts`; the PUT answers with the part's ETag. */
export type PartUpload = Schemas['PartUpload'];

/** A part the storage holds already (`GET /recordings/{id}/parts`). */
export type StoredPart = Schemas['StoredPart'];

/** A part as `POST /recordings/{id}/complete` wants it. */
export type CompletedPart = Schemas['CompletedPart'];

/** Body of `POST /recordings/{id}/complete`: `parts` after a multipart upload, none after a single PUT. */
export type CompleteRequest = Schemas['CompleteRequest'];

/** A recording as the API shows it; `download_url` is presigned and time-limited, `size` absent when unknown. */
export type RecordingView = Schemas['RecordingJson'];

/** Who spoke when (`GET /recordings/{id}/speakers`): `segments` and `talk_ms` once `state` is `ready`. */
export type SpeakersView = Schemas['SpeakersJson'];

/** One page of `GET /recordings`; pass `next_token` back for the next page. */
export type RecordingPage = Schemas['RecordingList'];

/** The filters of `GET /recordings` (its query parameters, camelCased where they are two words). */
export interface RecordingQuery {
  /** A room's recordings the caller owns or takes part in; without it, the ones the caller owns. */
  readonly roomId?: string;
  readonly limit?: number;
  /** The previous page's `next_token`, sent with the same filters it came from. */
  readonly nextToken?: string;
  readonly status?: RecordingView['status'];
  readonly processing?: NonNullable<RecordingView['processing']>;
  /** Created at or after this ISO-8601 instant. */
  readonly from?: string;
  /** Created before this ISO-8601 instant. */
  readonly to?: string;
  /** Text in the file name or the room, any case, 1 to 200 characters. */
  readonly q?: string;
  readonly participant?: string;
  readonly sort?: 'newest' | 'oldest';
}

/** Body of `POST /recordings/{id}/shares`: expiry, passcode, whether the watch page offers a download. */
export type ShareRequest = Schemas['ShareRequest'];

/** Answer of `POST /recordings/{id}/shares`: the watch page's URL, shown once. */
export type ShareLink = Schemas['ShareLink'];

/** One share of `GET /recordings/{id}/shares`. */
export type ShareView = Schemas['ShareJson'];

/** Answer of `POST /dev/token` (dev mode only; the document does not describe its body). */
export interface DevToken {
  readonly token: string;
  readonly expires_in: number;
}

/** An `application/problem+json` error body (RFC 9457); any member may be missing from a body that is not one. */
export type ProblemDetails = Partial<Schemas['Problem']>;

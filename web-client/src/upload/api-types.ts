/** Body of `POST /recordings/upload-url` (the seed contract; `contentType` keeps its seed spelling). */
export interface UploadUrlRequest {
  readonly room_id: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly size?: number;
  readonly participants?: readonly string[];
}

/** Answer of `POST /recordings/upload-url`: PUT the bytes to `upload_url` with exactly `upload_headers`. */
export interface UploadTicket {
  readonly upload_url: string;
  readonly recording_id: string;
  readonly s3_key: string;
  readonly expires_in: number;
  readonly upload_headers: Readonly<Record<string, string>>;
}

/** Body of `POST /recordings/multipart`. */
export interface MultipartRequest {
  readonly room_id: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly participants?: readonly string[];
}

/** Answer of `POST /recordings/multipart`: every part but the last must have at least `min_part_size` bytes. */
export interface MultipartTicket {
  readonly recording_id: string;
  readonly s3_key: string;
  readonly upload_id: string;
  readonly min_part_size: number;
}

/** One presigned part URL of `POST /recordings/{id}/parts`; the PUT answers with the part's ETag. */
export interface PartUpload {
  readonly part_number: number;
  readonly upload_url: string;
  readonly upload_headers: Readonly<Record<string, string>>;
  readonly expires_in: number;
}

/** A part the storage holds already (`GET /recordings/{id}/parts`). */
export interface StoredPart {
  readonly part_number: number;
  readonly etag: string;
  readonly size: number;
}

/** A part as `POST /recordings/{id}/complete` wants it. */
export interface CompletedPart {
  readonly part_number: number;
  readonly etag: string;
}

/** Body of `POST /recordings/{id}/complete`: `parts` after a multipart upload, none after a single PUT. */
export interface CompleteRequest {
  readonly parts?: readonly CompletedPart[];
  readonly duration_ms?: number;
}

/** A recording as the API shows it; `download_url` is presigned and time-limited. */
export interface RecordingView {
  readonly recording_id: string;
  readonly room_id: string;
  readonly filename: string;
  readonly size: number;
  readonly created_at: string;
  readonly expires_at: string;
  readonly status: string;
  readonly download_url?: string | null;
  readonly duration_ms?: number | null;
}

/** One page of `GET /recordings`; pass `next_token` back for the next page. */
export interface RecordingPage {
  readonly recordings: readonly RecordingView[];
  readonly next_token?: string | null;
}

/** Answer of `POST /dev/token`. */
export interface DevToken {
  readonly token: string;
  readonly expires_in: number;
}

/** An `application/problem+json` error body (RFC 9457). */
export interface ProblemDetails {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
}

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

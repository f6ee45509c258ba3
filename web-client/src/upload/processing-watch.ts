import type { RecordingView } from './api-types';
import type { RecordingsApi } from './recordings-api';
import { isRetryable } from './retry-policy';

/** When to look again at a recording the server is processing: doubling from 1 s, at most every 15 s. */
export interface ProcessingPollPolicy {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** After this long in all the watch gives up (the list's own Refresh still shows the outcome). */
  readonly giveUpAfterMs: number;
}

/**
 * A 5 s recording is remuxed and transcoded in a few seconds on a quiet machine, a long one in
 * minutes: the first looks come soon, later ones spread out so a stuck queue costs one request a
 * quarter minute, and after 10 minutes the page stops asking.
 */
export const DEFAULT_PROCESSING_POLL: ProcessingPollPolicy = { firstDelayMs: 1_000, maxDelayMs: 15_000, giveUpAfterMs: 600_000 };

/** Whether processing is still to come for this recording (queued or running). */
export function isProcessing(recording: Pick<RecordingView, 'processing'>): boolean {
  return recording.processing === 'queued' || recording.processing === 'running';
}

/**
 * Polls `GET /recordings/{id}` with a bounded backoff until processing is over (ready, failed, off)
 * and resolves with that view; resolves with the last view seen when it gives up (still
 * processing) or is stopped through `signal`. A lost connection or a 5xx is looked past (the
 * next look may work); any other error (404: deleted meanwhile, 401) rejects.
 */
export async function watchProcessing(
  api: Pick<RecordingsApi, 'get'>,
  recording: RecordingView,
  options: { readonly policy?: ProcessingPollPolicy; readonly signal?: AbortSignal } = {},
): Promise<RecordingView> {
  const policy = options.policy ?? DEFAULT_PROCESSING_POLL;
  let latest = recording;
  let delay = policy.firstDelayMs;
  let waited = 0;
  const stopped = () => options.signal?.aborted === true;
  while (isProcessing(latest) && waited + delay <= policy.giveUpAfterMs && !stopped()) {
    await sleep(delay, options.signal);
    waited += delay;
    delay = Math.min(delay * 2, policy.maxDelayMs);
    if (stopped()) break;
    try {
      latest = await api.get(recording.recording_id);
    } catch (error) {
      if (!isRetryable(error)) throw error;
    }
  }
  return latest;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

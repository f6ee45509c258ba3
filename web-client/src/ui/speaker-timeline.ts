import type { SpeakersView } from '../upload/api-types';
import { formatLength } from './format';

/** What a party is called on the timeline. */
const PARTY_NAMES = { local: 'Local party', remote: 'Remote party' } as const;

/**
 * A recording's speaker timeline under its video (`data-testid="speaker-timeline"`): one row per
 * party, each stretch of speech a button (`data-party`, `data-start-ms`) that jumps `video` there
 * and plays, and the talk time of each party. Pending timelines show nothing (`undefined`); an
 * unavailable one says why in a line.
 *
 * ```ts
 * const speakers = await api.speakers(id);
 * const timeline = speakerTimeline(speakers, video, durationMs);
 * if (timeline) video.after(timeline);
 * ```
 */
export function speakerTimeline(speakers: SpeakersView, video: HTMLVideoElement, durationMs?: number): HTMLElement | undefined {
  const box = document.createElement('section');
  box.className = 'speaker-timeline';
  box.dataset.testid = 'speaker-timeline';
  box.setAttribute('aria-label', 'Who spoke when');
  if (speakers.state === 'unavailable') {
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent = speakers.reason === 'mixed_audio'
      ? 'Who spoke when is not known: both parties were recorded as one sound.'
      : 'Who spoke when is not known: the audio does not hold the parties apart.';
    box.append(note);
    return box;
  }
  const segments = speakers.segments ?? [];
  if (speakers.state !== 'ready') {
    return undefined;
  }
  const total = Math.max(1, durationMs ?? 0, ...segments.map((segment) => segment.end_ms));
  const summary = document.createElement('p');
  summary.textContent = `${PARTY_NAMES.local} spoke ${formatLength(speakers.talk_ms?.local ?? 0)}, ${PARTY_NAMES.remote.toLowerCase()} ${formatLength(speakers.talk_ms?.remote ?? 0)}.`;
  box.append(summary);
  for (const party of ['local', 'remote'] as const) {
    const row = document.createElement('div');
    row.className = `speaker-row speaker-${party}`;
    row.setAttribute('role', 'group');
    row.setAttribute('aria-label', PARTY_NAMES[party]);
    for (const segment of segments.filter((s) => s.party === party)) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'speaker-segment';
      button.dataset.party = party;
      button.dataset.startMs = String(segment.start_ms);
      button.style.left = `${(100 * segment.start_ms) / total}%`;
      button.style.width = `${Math.max(0.5, (100 * (segment.end_ms - segment.start_ms)) / total)}%`;
      button.setAttribute('aria-label', `${PARTY_NAMES[party]} from ${formatLength(segment.start_ms)} to ${formatLength(segment.end_ms)}`);
      button.addEventListener('click', () => {
        video.currentTime = segment.start_ms / 1000;
        void video.play().catch(() => undefined);
      });
      row.append(button);
    }
    box.append(row);
  }
  return box;
}

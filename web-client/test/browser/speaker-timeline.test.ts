import { describe, expect, it } from 'vitest';
import { speakerTimeline } from '../../src/ui/speaker-timeline';
import type { SpeakersView } from '../../src/upload/api-types';

const READY: SpeakersView = {
  recording_id: 'r1',
  audio_layout: 'per_party',
  state: 'ready',
  talk_ms: { local: 2500, remote: 1000 },
  segments: [
    { party: 'local', start_ms: 0, end_ms: 2500 },
    { party: 'remote', start_ms: 3000, end_ms: 4000 },
  ],
};

describe('speakerTimeline', () => {
  it('shows each party its own row of segments, the talk times, and a click jumps the video there', () => {
    const video = document.createElement('video');
    const timeline = speakerTimeline(READY, video, 5000);
    expect(timeline).toBeDefined();
    document.body.append(video, timeline as HTMLElement);

    const segments = [...(timeline as HTMLElement).querySelectorAll<HTMLButtonElement>('button.speaker-segment')];
    expect(segments.map((b) => [b.dataset.party, b.dataset.startMs, b.style.left, b.style.width])).toEqual([
      ['local', '0', '0%', '50%'],
      ['remote', '3000', '60%', '20%'],
    ]);
    expect(timeline?.textContent).toContain('Local party spoke 0:02, remote party 0:01.');
    expect(segments[1]?.getAttribute('aria-label')).toBe('Remote party from 0:03 to 0:04');

    segments[1]?.click();
    expect(video.currentTime).toBe(3);
    timeline?.remove();
    video.remove();
  });

  it('says why for a mixed recording and shows nothing while pending', () => {
    const video = document.createElement('video');
    const mixed = speakerTimeline({ recording_id: 'r2', audio_layout: 'mixed', state: 'unavailable', reason: 'mixed_audio' }, video);
    expect(mixed?.textContent).toBe('Who spoke when is not known: both parties were recorded as one sound.');
    expect(speakerTimeline({ recording_id: 'r3', audio_layout: 'per_party', state: 'pending' }, video)).toBeUndefined();
  });
});

import { formatLength } from './format';

/** A storyboard cue's region of the sprite, as its text names it: `storyboard.jpg#xywh=x,y,w,h`. */
const REGION = /#xywh=(\d+),(\d+),(\d+),(\d+)$/;

/** One storyboard frame: the sprite's address (without the region) and the region, in pixels. */
export interface StoryboardFrame {
  readonly sprite: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The frame of `cues` shown at `seconds`: the cue that covers it (the last one past the end),
 * its sprite resolved against `trackUrl` (so it keeps the track's query). Undefined when there are
 * no cues or the cue names no region.
 *
 * @example storyboardFrame(track.cues, 83, '/recordings/r1/media/storyboard.vtt')
 *   // { sprite: '/recordings/r1/media/storyboard.jpg', x: 160, y: 90, width: 160, height: 90 }
 */
export function storyboardFrame(cues: ArrayLike<{ startTime: number; endTime: number; text: string }> | null,
  seconds: number, trackUrl: string): StoryboardFrame | undefined {
  if (cues === null || cues.length === 0) return undefined;
  let cue = cues[cues.length - 1];
  for (let i = 0; i < cues.length; i++) {
    const candidate = cues[i];
    if (candidate !== undefined && seconds < candidate.endTime) {
      cue = candidate;
      break;
    }
  }
  const region = cue === undefined ? null : REGION.exec(cue.text);
  if (cue === undefined || region === null) return undefined;
  const sprite = new URL(cue.text, new URL(trackUrl, document.baseURI));
  sprite.hash = '';
  return { sprite: sprite.href, x: Number(region[1]), y: Number(region[2]), width: Number(region[3]), height: Number(region[4]) };
}

/**
 * Gives `video` a seek bar with scrubbing previews from the storyboard track at `trackUrl` (a
 * `<track kind="metadata">`, read by the browser's own WebVTT parser): hovering or dragging shows
 * the frame for that moment over the bar (`data-testid="scrub-preview"`, its `data-time` the
 * moment shown); releasing the thumb, or stepping with the arrow keys, seeks. Returns the bar's
 * element (`data-testid="scrub"`), hidden until the track's cues are in: when the track fails the
 * video keeps only its own controls.
 */
export function scrubPreview(video: HTMLVideoElement, trackUrl: string, label: string): HTMLElement {
  const track = document.createElement('track');
  track.kind = 'metadata';
  track.label = 'Storyboard';
  track.src = trackUrl;
  video.append(track);

  const root = document.createElement('div');
  root.className = 'scrub';
  root.dataset.testid = 'scrub';
  root.hidden = true;
  const preview = document.createElement('div');
  preview.className = 'scrub-preview';
  preview.dataset.testid = 'scrub-preview';
  preview.hidden = true;
  preview.setAttribute('aria-hidden', 'true');
  const frame = document.createElement('div');
  frame.className = 'scrub-frame';
  const time = document.createElement('span');
  time.className = 'scrub-time';
  preview.append(frame, time);
  const bar = document.createElement('input');
  bar.type = 'range';
  bar.min = '0';
  bar.step = '1';
  bar.value = '0';
  bar.setAttribute('aria-label', `Seek ${label}, with previews`);
  root.append(preview, bar);

  let held = false;
  let over = false;
  const end = (): number => {
    const cues = track.track.cues;
    if (Number.isFinite(video.duration) && video.duration > 0) return video.duration;
    return cues !== null && cues.length > 0 ? (cues[cues.length - 1]?.endTime ?? 0) : 0;
  };
  const show = (seconds: number): void => {
    const shown = storyboardFrame(track.track.cues as ArrayLike<VTTCue> | null, seconds, track.src);
    if (shown === undefined) return;
    frame.style.backgroundImage = `url("${shown.sprite}")`;
    frame.style.backgroundPosition = `${-shown.x}px ${-shown.y}px`;
    frame.style.width = `${shown.width}px`;
    frame.style.height = `${shown.height}px`;
    time.textContent = formatLength(seconds * 1000);
    preview.dataset.time = String(seconds);
    preview.hidden = false;
    const length = end();
    const left = (length > 0 ? seconds / length : 0) * bar.clientWidth - shown.width / 2;
    preview.style.left = `${Math.max(0, Math.min(bar.clientWidth - shown.width, left))}px`;
  };
  const hide = (): void => {
    if (!held && !over && document.activeElement !== bar) preview.hidden = true;
  };
  const at = (event: PointerEvent): number => {
    const box = bar.getBoundingClientRect();
    return Math.max(0, Math.min(1, (event.clientX - box.left) / box.width)) * end();
  };
  const ready = (): void => {
    const cues = track.track.cues;
    if (cues === null || cues.length === 0) return;
    bar.max = String(end());
    bar.value = String(video.currentTime);
    root.hidden = false;
  };
  bar.addEventListener('pointermove', (event) => {
    over = true;
    if (!held) show(at(event));
  });
  bar.addEventListener('pointerleave', () => {
    over = false;
    hide();
  });
  bar.addEventListener('pointerdown', () => (held = true));
  window.addEventListener('pointerup', () => {
    if (!held) return;
    held = false;
    hide();
  });
  bar.addEventListener('input', () => show(Number(bar.value)));
  bar.addEventListener('change', () => {
    video.currentTime = Number(bar.value);
    hide();
  });
  bar.addEventListener('blur', () => (preview.hidden = true));
  video.addEventListener('timeupdate', () => {
    if (!held && document.activeElement !== bar) bar.value = String(video.currentTime);
  });
  video.addEventListener('durationchange', () => (bar.max = String(end())));
  track.addEventListener('load', ready);
  track.track.mode = 'hidden';
  return root;
}

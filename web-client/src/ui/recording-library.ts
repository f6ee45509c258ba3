import type { RecordingView } from '../upload/api-types';
import { formatExpiry, formatLength } from './format';
import { partialNote, playableSource, processingLabel } from './library-view';
import { scrubPreview } from './scrub-preview';

/** How wide a card shows its poster, in CSS pixels (the server makes them at most 640 wide). */
const POSTER_WIDTH = 320;

/**
 * Where the library's player gets a recording's media: its stable address (checked on every
 * request, so a pause of any length seeks on), after `open` let this page's media elements in.
 * The library page passes {@link RecordingsApi.openMedia} and {@link RecordingsApi.mediaUrl}.
 */
export interface LibraryPlayer {
  open(recordingId: string): Promise<void>;
  url(recordingId: string, media: LibraryMedia): string;
}

/** The media a recording's stable address serves to the library's player. */
export type LibraryMedia = 'mp4' | 'original' | 'poster' | 'storyboard.vtt';

/** The same-origin addresses, for a page that signed its media in some other way. */
const SAME_ORIGIN_PLAYER: LibraryPlayer = {
  open: () => Promise.resolve(),
  url: (id, media) => `/recordings/${encodeURIComponent(id)}/media/${media}`,
};

/** Detail of the `recording-playing` event: the recording whose inline video was just made. */
export interface PlayingDetail {
  readonly id: string;
  readonly video: HTMLVideoElement;
  readonly durationMs: number | undefined;
}

/** Detail of the `share-recording` and `delete-recording` events. */
export interface LibraryEventDetail {
  readonly id: string;
  readonly filename: string;
}

/**
 * `<recording-library>` (`data-testid="library-grid"`): the signed-in user's recordings as a list
 * of cards (`data-testid="library-card"`, `data-recording-id`), each an `<article
 * id="recording-<id>">` named by its file name, with the poster, room, length, date, expiry and
 * processing state, and three buttons named after the recording: **Play** (an inline `<video>`
 * of the MP4 rendition when there is one, else the original, from the recording's stable media
 * address through {@link RecordingLibraryElement.player}, with a seek bar of scrubbing previews
 * under it when the recording has a storyboard ({@link scrubPreview}); a request refused because the sign-in
 * ran out is opened again once and playback goes on where it was; fires `recording-playing` when it
 * makes the video),
 * **Share** (fires `share-recording`; the page answers with {@link showShareLink}) and
 * **Delete** (fires `delete-recording`; the page asks for confirmation). The share link shows in
 * a read-only field beside **Copy**, which copies it through `navigator.clipboard` and, where
 * that is refused, selects the field's text and says to copy it by hand.
 */
export class RecordingLibraryElement extends HTMLElement {
  private readonly list = document.createElement('ul');
  private readonly recordings = new Map<string, RecordingView>();
  /** When expiry is measured from; set by the last show(). */
  private now = new Date();
  /** Where Play gets its media; same-origin addresses unless the page sets it. */
  player: LibraryPlayer = SAME_ORIGIN_PLAYER;

  constructor() {
    super();
    this.list.setAttribute('aria-label', 'Recordings');
    this.list.className = 'library-grid';
    this.list.addEventListener('click', (event) => this.clicked(event));
  }

  connectedCallback(): void {
    this.dataset.testid ??= 'library-grid';
    if (!this.list.isConnected) this.append(this.list);
  }

  /** Replaces the cards. */
  show(recordings: readonly RecordingView[], now: Date = new Date()): void {
    this.now = now;
    this.recordings.clear();
    this.list.replaceChildren();
    this.add(recordings);
  }

  /** Adds cards at the end (the next page); a recording shown already is left where it is. */
  add(recordings: readonly RecordingView[]): void {
    for (const recording of recordings) {
      if (!this.recordings.has(recording.recording_id)) {
        this.recordings.set(recording.recording_id, recording);
        this.list.append(card(recording, this.now));
      }
    }
  }

  /** Adds one card first (a recording an email linked to that is not on the first page). */
  addFirst(recording: RecordingView): void {
    if (!this.recordings.has(recording.recording_id)) {
      this.recordings.set(recording.recording_id, recording);
      this.list.prepend(card(recording, this.now));
    }
  }

  /** How many cards there are. */
  get size(): number {
    return this.recordings.size;
  }

  /** Removes a card; returns the card that took its place (the next, else the previous), for focus. */
  removeCard(id: string): string | undefined {
    const item = this.item(id);
    const neighbour = (item?.nextElementSibling ?? item?.previousElementSibling) as HTMLElement | null | undefined;
    item?.remove();
    this.recordings.delete(id);
    return neighbour?.dataset.recordingId;
  }

  /** Focuses a card and scrolls it into view; false when there is no such card. */
  focusCard(id: string): boolean {
    const article = this.item(id)?.querySelector('article');
    if (article === null || article === undefined) {
      return false;
    }
    article.scrollIntoView({ block: 'center' });
    article.focus();
    return true;
  }

  /**
   * Plays a card's recording from `seconds` (a deep link's moment): the player opens as Play opens
   * it and seeks once it knows the length; a browser that refuses to start without a click leaves
   * it paused there.
   */
  async playAt(id: string, seconds: number): Promise<void> {
    const button = this.button(id, 'play');
    const recording = this.recordings.get(id);
    if (button === null || recording === undefined) return;
    await play(button, recording, this.player, seconds);
  }

  /** Focuses one of a card's buttons again (after a dialog closed). */
  focusAction(id: string, action: 'play' | 'share' | 'delete'): void {
    this.button(id, action)?.focus();
  }

  /** Shows the share link of a recording beside Copy and moves focus to it. */
  showShareLink(id: string, url: string): void {
    const box = this.item(id)?.querySelector<HTMLElement>('.share-link');
    const field = box?.querySelector('input');
    if (box === null || box === undefined || field === null || field === undefined) {
      return;
    }
    field.value = url;
    box.hidden = false;
    field.focus();
    field.select();
  }

  /** Disables (or enables again) a card's button while its request runs. */
  setBusy(id: string, action: 'share' | 'delete', busy: boolean): void {
    const button = this.button(id, action);
    if (button !== null) button.disabled = busy;
  }

  private item(id: string): HTMLElement | undefined {
    return [...this.list.children].find((child): child is HTMLElement => (child as HTMLElement).dataset.recordingId === id);
  }

  private button(id: string, action: string): HTMLButtonElement | null {
    return this.item(id)?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`) ?? null;
  }

  private clicked(event: Event): void {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
    const id = button?.closest<HTMLElement>('li')?.dataset.recordingId;
    const recording = id === undefined ? undefined : this.recordings.get(id);
    if (button === null || recording === undefined) {
      return;
    }
    const detail: LibraryEventDetail = { id: recording.recording_id, filename: recording.filename };
    switch (button.dataset.action) {
      case 'play':
        play(button, recording, this.player).catch((error: unknown) => {
          this.dispatchEvent(new CustomEvent<{ error: unknown }>('play-failed', { detail: { error }, bubbles: true }));
        });
        break;
      case 'copy':
        void copy(button);
        break;
      case 'share':
        this.dispatchEvent(new CustomEvent<LibraryEventDetail>('share-recording', { detail, bubbles: true }));
        break;
      case 'delete':
        this.dispatchEvent(new CustomEvent<LibraryEventDetail>('delete-recording', { detail, bubbles: true }));
        break;
    }
  }
}

function card(recording: RecordingView, now: Date): HTMLLIElement {
  const id = recording.recording_id;
  const item = document.createElement('li');
  item.dataset.testid = 'library-card';
  item.dataset.recordingId = id;
  item.dataset.processing = recording.processing ?? '';
  const article = document.createElement('article');
  article.id = `recording-${id}`;
  // Focusable from script (a #recording-<id> link, after a delete), not a tab stop of its own.
  article.tabIndex = -1;
  const title = document.createElement('h3');
  title.id = `recording-title-${id}`;
  title.textContent = recording.filename;
  article.setAttribute('aria-labelledby', title.id);

  const media = document.createElement('div');
  media.className = 'media';
  media.append(poster(recording));

  const facts = document.createElement('dl');
  const rows: [string, string][] = [
    ['Room', recording.room_id],
    ['Length', recording.duration_ms == null ? '–' : formatLength(recording.duration_ms)],
    ['Recorded', new Date(recording.created_at).toLocaleString()],
    ['Expiry', formatExpiry(recording.expires_at, now)],
    ['State', processingLabel(recording)],
  ];
  const partial = partialNote(recording);
  if (partial !== undefined) rows.push(['Partial', partial]);
  for (const [term, value] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset.fact = term.toLowerCase();
    if (term === 'State' && recording.processing === 'failed' && recording.processing_error) dd.title = recording.processing_error;
    facts.append(dt, dd);
  }

  const actions = document.createElement('div');
  actions.className = 'actions';
  const playable = playableSource(recording) !== undefined;
  actions.append(
    actionButton('play', '▶ Play', `Play ${recording.filename}`, !playable),
    actionButton('share', 'Share', `Share ${recording.filename}`, recording.status !== 'COMPLETED'),
    actionButton('delete', 'Delete', `Delete ${recording.filename}`, false),
  );

  article.append(media, title, facts, actions, shareBox(recording));
  item.append(article);
  return item;
}

function poster(recording: RecordingView): HTMLElement {
  if (!recording.thumbnail_url) {
    const none = document.createElement('div');
    none.className = 'no-poster';
    // Decorative: the title and the state say what there is to know.
    none.setAttribute('aria-hidden', 'true');
    none.textContent = '🎞️';
    return none;
  }
  const image = document.createElement('img');
  image.dataset.testid = 'library-poster';
  image.loading = 'lazy';
  image.alt = `Poster of ${recording.filename}`;
  image.width = POSTER_WIDTH;
  if (recording.width && recording.height) image.height = Math.round((POSTER_WIDTH * recording.height) / recording.width);
  image.src = recording.thumbnail_url;
  return image;
}

function actionButton(action: string, text: string, label: string, disabled: boolean): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.action = action;
  button.dataset.testid = `${action}-button`;
  button.textContent = text;
  // The accessible name starts with the visible text (WCAG 2.5.3) and says which recording.
  button.setAttribute('aria-label', label);
  button.disabled = disabled;
  return button;
}

function shareBox(recording: RecordingView): HTMLElement {
  const box = document.createElement('div');
  box.className = 'share-link';
  box.hidden = true;
  const label = document.createElement('label');
  label.textContent = `Share link of ${recording.filename} `;
  const field = document.createElement('input');
  field.type = 'url';
  field.readOnly = true;
  field.dataset.testid = 'share-url';
  label.append(field);
  const status = document.createElement('span');
  status.className = 'copy-status';
  status.setAttribute('role', 'status');
  status.dataset.testid = 'copy-status';
  box.append(label, actionButton('copy', 'Copy', `Copy the share link of ${recording.filename}`, false), status);
  return box;
}

/**
 * Replaces the poster with a playing `<video>` of the recording's stable media address (from the
 * click, so it may start with sound: opening the media is one short request, within the click's
 * activation).
 */
async function play(button: HTMLButtonElement, recording: RecordingView, player: LibraryPlayer, from?: number): Promise<void> {
  const source = playableSource(recording);
  const media = button.closest('article')?.querySelector('.media');
  if (source === undefined || media === null || media === undefined) {
    return;
  }
  let video = media.querySelector('video');
  if (video === null) {
    const id = recording.recording_id;
    await player.open(id);
    video = document.createElement('video');
    video.controls = true;
    video.playsInline = true;
    video.preload = 'auto';
    video.dataset.testid = 'library-video';
    video.setAttribute('aria-label', `Video of ${recording.filename}`);
    if (recording.thumbnail_url) video.poster = player.url(id, 'poster');
    const element = document.createElement('source');
    element.src = player.url(id, source.media);
    element.type = source.type.split(';')[0] ?? source.type;
    video.append(element);
    reopenOnRefusal(video, () => player.open(id));
    media.replaceChildren(video);
    // Scrubbing previews under the video, when processing made a storyboard.
    if (recording.storyboard_url) video.after(scrubPreview(video, player.url(id, 'storyboard.vtt'), recording.filename));
    // The page adds what it fetches for a playing recording (its speaker timeline) under the video.
    const detail: PlayingDetail = { id: recording.recording_id, video, durationMs: recording.duration_ms ?? undefined };
    button.dispatchEvent(new CustomEvent('recording-playing', { bubbles: true, detail }));
  }
  if (from !== undefined) {
    const target = video;
    const seek = () => { target.currentTime = Number.isFinite(target.duration) ? Math.min(from, target.duration) : from; };
    if (video.readyState >= HTMLMediaElement.HAVE_METADATA) seek();
    else video.addEventListener('loadedmetadata', seek, { once: true });
  }
  video.focus();
  void video.play().catch(() => undefined); // a refused autoplay leaves the controls to the user
}

/**
 * A media request refused because the sign-in behind the media cookie ran out ends the element in
 * a network error: open the media again (the token provider renews the token) and reload where it
 * was, once per failure; a second failure in a row (a deleted recording) is left to show.
 */
function reopenOnRefusal(video: HTMLVideoElement, open: () => Promise<void>): void {
  let retried = false;
  video.addEventListener('playing', () => (retried = false));
  video.addEventListener('error', () => {
    if (retried || video.error?.code !== MediaError.MEDIA_ERR_NETWORK) return;
    retried = true;
    const at = video.currentTime;
    const wasPlaying = !video.paused;
    void open().then(() => {
      video.load();
      video.currentTime = at;
      if (wasPlaying) void video.play().catch(() => undefined);
    }, () => undefined);
  });
}

async function copy(button: HTMLButtonElement): Promise<void> {
  const box = button.closest('.share-link');
  const field = box?.querySelector('input');
  const status = box?.querySelector('.copy-status');
  if (field === null || field === undefined || status === null || status === undefined) {
    return;
  }
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = 'Link copied.';
  } catch {
    // No clipboard (insecure origin, refused permission): the link is in the field, selected.
    field.focus();
    field.select();
    status.textContent = 'Copying was refused: the link is selected, copy it with Ctrl+C (⌘C).';
  }
}

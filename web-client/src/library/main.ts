import { devSignIn, storedSession } from '../demo/dev-session';
import { element } from '../demo/page-element';
import { defineRecordingElements } from '../ui/define-elements';
import { errorText, libraryQuery, linkedRecordingId, linkedTime, resultsText, type LibraryFilters } from '../ui/library-view';
import type { LibraryEventDetail, PlayingDetail, RecordingLibraryElement } from '../ui/recording-library';
import { speakerTimeline } from '../ui/speaker-timeline';
import type { RecordingQuery } from '../upload/api-types';
import { RecordingsApi } from '../upload/recordings-api';

defineRecordingElements();

const ui = {
  loginForm: element<HTMLFormElement>('#login-form'),
  email: element<HTMLInputElement>('#email'),
  signedIn: element<HTMLElement>('#signed-in'),
  searchForm: element<HTMLFormElement>('#search-form'),
  q: element<HTMLInputElement>('#q'),
  room: element<HTMLInputElement>('#room'),
  from: element<HTMLInputElement>('#from'),
  to: element<HTMLInputElement>('#to'),
  results: element<HTMLElement>('#results'),
  error: element<HTMLElement>('#error'),
  library: element<RecordingLibraryElement>('recording-library'),
  more: element<HTMLButtonElement>('#more'),
  dialog: element<HTMLDialogElement>('#delete-dialog'),
  deleteText: element<HTMLElement>('#delete-text'),
};

const params = new URLSearchParams(location.search);
/** `?limit=N`: a smaller page, e.g. to see paging with few recordings. */
const limit = Number(params.get('limit')) || undefined;

let token = storedSession().token;
const api = new RecordingsApi({ token: () => token });
/** The query the shown cards came from and its next page's token: "More" continues exactly it. */
let current: { query: RecordingQuery; filtered: boolean; next: string | null } = { query: {}, filtered: false, next: null };

function showError(error: unknown): void {
  ui.error.textContent = errorText(error);
  console.error(error);
}

function guarded(action: () => Promise<void>): () => void {
  return () => {
    ui.error.textContent = '';
    action().catch(showError);
  };
}

function filters(): LibraryFilters {
  return { q: ui.q.value, room: ui.room.value, from: ui.from.value, to: ui.to.value };
}

function showCount(): void {
  ui.results.textContent = resultsText(ui.library.size, current.next !== null, current.filtered);
  ui.more.hidden = current.next === null;
}

/** Lists page 1 of the form's query, replacing the cards. */
async function search(): Promise<void> {
  if (token === '') {
    ui.results.textContent = 'Sign in to see your recordings.';
    return;
  }
  const query = libraryQuery(filters(), limit === undefined ? {} : { limit });
  const page = await api.list(query);
  current = { query, filtered: Object.keys(query).some((key) => key !== 'limit'), next: page.next_token };
  ui.library.show(page.recordings);
  showCount();
  await focusLinked();
}

async function more(): Promise<void> {
  if (current.next === null) {
    return;
  }
  const shown = ui.library.size;
  const page = await api.list({ ...current.query, nextToken: current.next });
  current = { ...current, next: page.next_token };
  const first = page.recordings[0]?.recording_id;
  ui.library.add(page.recordings);
  showCount();
  // Focus goes to the first new card, so a keyboard user carries on where the list grew.
  if (first !== undefined && ui.library.size > shown) ui.library.focusCard(first);
}

/**
 * `#recording-<id>` (the link an email sends): focus and scroll to that card; one not on the
 * first page is fetched and shown first. `#recording-<id>&t=83` also plays it from that moment.
 */
async function focusLinked(): Promise<void> {
  const id = linkedRecordingId(location.hash);
  if (id === undefined) {
    return;
  }
  if (!ui.library.focusCard(id)) {
    ui.library.addFirst(await api.get(id));
    showCount();
    ui.library.focusCard(id);
  }
  const at = linkedTime(location.hash);
  if (at !== undefined) await ui.library.playAt(id, at);
}

/**
 * Puts the recording's speaker timeline under its video, once there is one to show. The video
 * plays without it: a timeline that cannot be fetched (an older server) shows nothing.
 */
async function showSpeakers(detail: PlayingDetail): Promise<void> {
  try {
    const timeline = speakerTimeline(await api.speakers(detail.id), detail.video, detail.durationMs);
    if (timeline !== undefined) detail.video.after(timeline);
  } catch {
    // Nothing to add: the player is already there.
  }
}

/**
 * Gives the playing video its captions once the recording has a transcript: the WebVTT is fetched
 * with the API's token (a `<track>` cannot send it) and handed to the track as a `blob:` URL. Off
 * until the viewer turns them on in the player (machine captions can be wrong); nothing is added
 * when there is no transcript yet.
 */
async function showCaptions(detail: PlayingDetail): Promise<void> {
  try {
    const recording = await api.get(detail.id);
    if (recording.transcript !== 'ready') return;
    const vtt = await api.captions(detail.id);
    const track = document.createElement('track');
    track.kind = 'captions';
    track.srclang = 'en';
    track.label = 'English (automatic)';
    track.dataset.testid = 'library-captions';
    track.src = URL.createObjectURL(new Blob([vtt], { type: 'text/vtt' }));
    detail.video.append(track);
  } catch {
    // Nothing to add: the player is already there.
  }
}

async function share(detail: LibraryEventDetail): Promise<void> {
  ui.library.setBusy(detail.id, 'share', true);
  try {
    const link = await api.createShare(detail.id);
    ui.library.showShareLink(detail.id, link.url ?? '');
  } finally {
    ui.library.setBusy(detail.id, 'share', false);
  }
}

/** Asks in a modal dialog (focus goes into it, on Cancel); deletes on confirm; focus lands on the next card, else back. */
function confirmDelete(detail: LibraryEventDetail): void {
  ui.deleteText.textContent = `${detail.filename} is deleted for good, with its renditions and share links.`;
  ui.dialog.returnValue = '';
  ui.dialog.addEventListener('close', () => {
    if (ui.dialog.returnValue !== 'delete') {
      ui.library.focusAction(detail.id, 'delete');
      return;
    }
    guarded(async () => {
      ui.library.setBusy(detail.id, 'delete', true);
      try {
        await api.delete(detail.id);
      } catch (error) {
        ui.library.setBusy(detail.id, 'delete', false);
        ui.library.focusAction(detail.id, 'delete');
        throw error;
      }
      const next = ui.library.removeCard(detail.id);
      ui.results.textContent = `Deleted ${detail.filename}. ${resultsText(ui.library.size, current.next !== null, current.filtered)}`;
      ui.more.hidden = current.next === null;
      if (next === undefined || !ui.library.focusCard(next)) ui.q.focus();
    })();
  }, { once: true });
  ui.dialog.showModal();
}

function showSignedIn(email: string): void {
  ui.signedIn.textContent = `Signed in as ${email}`;
  ui.email.value = email;
}

ui.loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(async () => {
    token = await devSignIn(ui.email.value);
    showSignedIn(ui.email.value);
    await search();
  })();
});
ui.searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(search)();
});
// After the reset has emptied the fields.
ui.searchForm.addEventListener('reset', () => setTimeout(guarded(search)));
ui.more.addEventListener('click', guarded(more));
ui.library.player = { open: (id) => api.openMedia(id), url: (id, media) => api.mediaUrl(id, media) };
ui.library.addEventListener('play-failed', (event) => showError((event as CustomEvent<{ error: unknown }>).detail.error));
ui.library.addEventListener('recording-playing', (event) => {
  const detail = (event as CustomEvent<PlayingDetail>).detail;
  void showSpeakers(detail);
  void showCaptions(detail);
});
ui.library.addEventListener('share-recording', (event) => guarded(() => share((event as CustomEvent<LibraryEventDetail>).detail))());
ui.library.addEventListener('delete-recording', (event) => confirmDelete((event as CustomEvent<LibraryEventDetail>).detail));
window.addEventListener('hashchange', guarded(focusLinked));

/** `?email=E` signs in with a dev token (as the demo's does); otherwise the tab's sign-in is used. */
async function start(): Promise<void> {
  const email = params.get('email') ?? storedSession().email;
  if (params.has('email') && email !== null) {
    token = await devSignIn(email);
  }
  if (email !== null && token !== '') showSignedIn(email);
  await search();
}

guarded(start)();

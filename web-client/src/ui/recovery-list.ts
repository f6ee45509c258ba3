import type { RecoverableRecording } from '../journal/recovery';
import { formatDuration } from '../recording/duration';
import { formatBytes } from './format';

/** Detail of the `recover` and `discard` events: the journal entry's id. */
export type RecoveryEventDetail = { readonly id: string };

/**
 * `<recovery-list>` (`data-testid="recovery-list"`): recordings that a closed tab, a crash or a
 * failed upload left in the journal, each with a Recover button (`data-testid="recover-button"`,
 * fires `recover`) and a Discard button (`data-testid="discard-button"`, fires `discard`). Hidden
 * when empty.
 */
export class RecoveryListElement extends HTMLElement {
  private items: readonly RecoverableRecording[] = [];
  private readonly busy = new Set<string>();

  connectedCallback(): void {
    this.dataset.testid ??= 'recovery-list';
    this.render();
  }

  /** The recordings to offer. */
  set recordings(items: readonly RecoverableRecording[]) {
    this.items = items;
    this.render();
  }

  get recordings(): readonly RecoverableRecording[] {
    return this.items;
  }

  /** Disables an entry's buttons while it is being recovered or discarded. */
  setBusy(id: string, busy: boolean): void {
    if (busy) this.busy.add(id);
    else this.busy.delete(id);
    this.render();
  }

  private render(): void {
    this.hidden = this.items.length === 0;
    const rows = this.items.map(({ entry, bytes, durationMs }) => {
      const row = document.createElement('li');
      row.dataset.testid = 'recovery-row';
      row.dataset.journalId = entry.id;
      const text = document.createElement('span');
      text.textContent = `⚠️ Unsent recording ${entry.filename} (room ${entry.roomId}, ${formatDuration(durationMs)}, ${formatBytes(bytes)})`;
      const busy = this.busy.has(entry.id);
      row.append(text, this.button('recover', '⬆️ Recover', entry.id, busy), this.button('discard', '🗑️ Discard', entry.id, busy));
      return row;
    });
    const heading = document.createElement('strong');
    heading.textContent = 'Recordings not uploaded yet';
    const list = document.createElement('ul');
    list.append(...rows);
    this.replaceChildren(heading, list);
  }

  private button(action: 'recover' | 'discard', label: string, id: string, disabled: boolean): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.dataset.testid = `${action}-button`;
    button.disabled = disabled;
    button.addEventListener('click', () => this.dispatchEvent(new CustomEvent<RecoveryEventDetail>(action, { detail: { id }, bubbles: true })));
    return button;
  }
}

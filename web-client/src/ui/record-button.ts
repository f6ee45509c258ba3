import { recordButtonView, type RecordButtonState } from './record-button-view';

/**
 * `<record-button>`: a button following {@link recordButtonView}. Fires a bubbling
 * `record-toggle` event on click; the page decides what it means and sets `state`.
 */
export class RecordButtonElement extends HTMLElement {
  private readonly button = document.createElement('button');
  private currentState: RecordButtonState = 'idle';
  private peer = false;

  constructor() {
    super();
    this.button.type = 'button';
    this.button.dataset.testid = 'record-button';
    this.button.addEventListener('click', () => this.dispatchEvent(new CustomEvent('record-toggle', { bubbles: true, detail: this.currentState })));
  }

  connectedCallback(): void {
    if (!this.button.isConnected) {
      this.append(this.button);
    }
    this.render();
  }

  get state(): RecordButtonState {
    return this.currentState;
  }

  set state(state: RecordButtonState) {
    this.currentState = state;
    this.render();
  }

  /** Whether the other party is in the call. */
  get hasPeer(): boolean {
    return this.peer;
  }

  set hasPeer(hasPeer: boolean) {
    this.peer = hasPeer;
    this.render();
  }

  private render(): void {
    const view = recordButtonView(this.currentState, this.peer);
    this.button.textContent = view.label;
    this.button.disabled = view.disabled;
    this.button.title = view.title;
    this.button.dataset.color = view.color;
    this.button.dataset.state = this.currentState;
  }
}

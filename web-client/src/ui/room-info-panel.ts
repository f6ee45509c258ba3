import { formatDuration } from '../recording/duration';

/**
 * `<room-info-panel>`: the room id, whether the other party is there, and while recording the
 * `🔴 REC m:ss` indicator (`data-testid="rec-indicator"`), `⏸ PAUSED m:ss` while paused.
 */
export class RoomInfoPanelElement extends HTMLElement {
  private readonly roomLine = document.createElement('div');
  private readonly peerLine = document.createElement('div');
  private readonly indicator = document.createElement('span');
  private ms: number | null = null;
  private paused = false;

  constructor() {
    super();
    this.indicator.dataset.testid = 'rec-indicator';
    this.indicator.className = 'rec-indicator';
    this.indicator.hidden = true;
  }

  connectedCallback(): void {
    if (!this.roomLine.isConnected) {
      this.append(this.roomLine, this.peerLine, this.indicator);
    }
  }

  /** Shows the room id. */
  set room(room: string) {
    this.roomLine.textContent = `Room: ${room}`;
  }

  /** Shows whether the other party is in the call. */
  set peerConnected(connected: boolean) {
    this.peerLine.textContent = connected ? '👥 2 participants' : '⌛ Waiting for the other participant';
  }

  /** Recorded time in ms (pauses excluded), or `null` to hide the indicator. */
  set recordingMs(ms: number | null) {
    this.ms = ms;
    this.render();
  }

  /** Whether the recording is paused: the indicator shows `⏸ PAUSED m:ss` instead of `🔴 REC m:ss`. */
  set recordingPaused(paused: boolean) {
    this.paused = paused;
    this.render();
  }

  private render(): void {
    this.indicator.hidden = this.ms === null;
    this.indicator.dataset.paused = String(this.paused);
    this.indicator.textContent = this.ms === null ? '' : `${this.paused ? '⏸ PAUSED' : '🔴 REC'} ${formatDuration(this.ms)}`;
  }
}

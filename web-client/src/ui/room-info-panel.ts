import { formatDuration } from '../recording/duration';

/**
 * `<room-info-panel>`: the room id, whether the other party is there, and while recording the
 * `🔴 REC m:ss` indicator (`data-testid="rec-indicator"`).
 */
export class RoomInfoPanelElement extends HTMLElement {
  private readonly roomLine = document.createElement('div');
  private readonly peerLine = document.createElement('div');
  private readonly indicator = document.createElement('span');

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

  /** Elapsed recording time in ms, or `null` to hide the indicator. */
  set recordingMs(ms: number | null) {
    this.indicator.hidden = ms === null;
    this.indicator.textContent = ms === null ? '' : `🔴 REC ${formatDuration(ms)}`;
  }
}

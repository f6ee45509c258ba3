/** What the record button is for: start, stop, or nothing while the file uploads. */
export type RecordButtonState = 'idle' | 'recording' | 'uploading';

/** How the record button looks in one state. */
export interface RecordButtonView {
  readonly label: string;
  readonly color: 'blue' | 'orange' | 'gray';
  readonly disabled: boolean;
  readonly title: string;
}

/**
 * The seed's table: blue "🔴 Start Recording" when idle (disabled until the other party is in
 * the call), orange "⏹️ Stop Recording" while recording (even if the peer left), disabled while
 * uploading.
 */
export function recordButtonView(state: RecordButtonState, hasPeer: boolean): RecordButtonView {
  switch (state) {
    case 'idle':
      return hasPeer
        ? { label: '🔴 Start Recording', color: 'blue', disabled: false, title: 'Record both parties into one file' }
        : { label: '🔴 Start Recording', color: 'blue', disabled: true, title: 'Waiting for the other participant to join' };
    case 'recording':
      return { label: '⏹️ Stop Recording', color: 'orange', disabled: false, title: 'Stop and upload the recording' };
    case 'uploading':
      return { label: '⏳ Uploading...', color: 'gray', disabled: true, title: 'The recording is being uploaded' };
  }
}

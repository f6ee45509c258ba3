import { describe, expect, it } from 'vitest';
import { recordButtonView } from '../../src/ui/record-button-view';

describe('recordButtonView (the seed table)', () => {
  it('is a blue, enabled start button when idle with a peer', () => {
    expect(recordButtonView('idle', true)).toMatchObject({ label: '🔴 Start Recording', color: 'blue', disabled: false });
  });

  it('is disabled when idle without a peer, and says why', () => {
    expect(recordButtonView('idle', false)).toMatchObject({ color: 'blue', disabled: true, title: 'Waiting for the other participant to join' });
  });

  it('is an orange stop button while recording, even after the peer left', () => {
    expect(recordButtonView('recording', true)).toMatchObject({ label: '⏹️ Stop Recording', color: 'orange', disabled: false });
    expect(recordButtonView('recording', false).disabled).toBe(false);
  });

  it('is disabled while uploading', () => {
    expect(recordButtonView('uploading', true)).toMatchObject({ label: '⏳ Uploading...', disabled: true });
  });
});

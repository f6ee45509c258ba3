import { describe, expect, it } from 'vitest';

const ELEMENTS = ['record-button', 'room-info-panel', 'upload-status', 'recordings-list', 'recovery-list'];

describe('importing the library in Chromium', () => {
  it('defines no custom element, from the main entry or the elements subpath, until defineRecordingElements() is called', async () => {
    await import('../../src/index');
    const elements = await import('../../src/elements');
    expect(ELEMENTS.filter((name) => customElements.get(name) !== undefined)).toEqual([]);

    elements.defineRecordingElements();

    expect(ELEMENTS.filter((name) => customElements.get(name) !== undefined)).toEqual(ELEMENTS);
  });
});

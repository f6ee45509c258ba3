import { describe, expect, it } from 'vitest';
import { checkStorage } from '../../src/journal/storage-check';

/** A StorageManager whose persist() is answered only when the user answers a prompt (Firefox). */
function promptingStorage(state: { asked: number }): StorageManager {
  return {
    persisted: async () => false,
    persist: () => {
      state.asked += 1;
      return new Promise<boolean>(() => undefined);
    },
    estimate: async () => ({ quota: 10_000, usage: 4_000 }),
    getDirectory: async () => {
      throw new Error('not used');
    },
  } as StorageManager;
}

describe('checkStorage', () => {
  it('asks to persist the journal without waiting for a permission prompt to be answered', async () => {
    const state = { asked: 0 };

    const check = await checkStorage(promptingStorage(state));

    expect(check).toEqual({ persisted: false, availableBytes: 6_000 });
    expect(state.asked).toBe(1);
  });

  it('does not ask again when the browser already keeps the storage', async () => {
    const state = { asked: 0 };
    const storage = { ...promptingStorage(state), persisted: async () => true } as StorageManager;

    expect(await checkStorage(storage)).toEqual({ persisted: true, availableBytes: 6_000 });
    expect(state.asked).toBe(0);
  });
});

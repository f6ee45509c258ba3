import { describe, expect, it } from 'vitest';
import { holdEntry } from '../../src/journal/entry-lock';
import { IndexedDbJournal } from '../../src/journal/indexeddb-journal';
import { findRecoverable } from '../../src/journal/recovery';

const entry = (id: string) => ({ id, roomId: 'room-1', filename: `${id}.webm`, mimeType: 'video/webm', createdAt: Date.now(), state: 'recording' as const });

describe('the journal in a real browser', () => {
  it('stores chunk Blobs in IndexedDB and reads back the same bytes', async () => {
    const journal = await IndexedDbJournal.open({ user: crypto.randomUUID(), name: 'journal-bytes' });
    await journal.create(entry('a'));
    const bytes = crypto.getRandomValues(new Uint8Array(64 * 1024));
    await journal.append('a', { seq: 0, size: bytes.length, elapsedMs: 1000, blob: new Blob([bytes]) });

    const [chunk] = await journal.chunks('a');

    expect(chunk?.blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await chunk!.blob.arrayBuffer())).toEqual(bytes);
    journal.close();
  });

  it('does not offer a recording another page still holds, and offers it once that page lets go', async () => {
    const journal = await IndexedDbJournal.open({ user: crypto.randomUUID(), name: 'journal-locks' });
    await journal.create(entry('held'));
    await journal.append('held', { seq: 0, size: 1, elapsedMs: 1000, blob: new Blob(['x']) });
    const release = await holdEntry('held');

    expect(await findRecoverable(journal)).toEqual([]);
    release();
    // The lock manager lets go once the holder's promise settles, a task later.
    await expect.poll(async () => (await findRecoverable(journal)).map((r) => r.entry.id)).toEqual(['held']);
    journal.close();
  });
});

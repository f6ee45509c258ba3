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

  it('stores every chunk promptly and reads it back, also where the engine refuses Blob values (WebKit private sessions)', async () => {
    // WebKitGTK 2.50's ephemeral session once left the journal's write after a refused Blob open for good.
    const journal = await IndexedDbJournal.open({ user: crypto.randomUUID(), name: 'journal-prompt' });
    await journal.create(entry('b'));
    const chunks = Array.from({ length: 5 }, () => crypto.getRandomValues(new Uint8Array(64 * 1024)));
    for (const [seq, bytes] of chunks.entries()) {
      const late = new Promise<string>((resolve) => setTimeout(() => resolve(`chunk ${seq} not stored in 5 s`), 5_000));
      expect(await Promise.race([journal.append('b', { seq, size: bytes.length, elapsedMs: seq * 1000, blob: new Blob([bytes]) }).then(() => 'stored'), late])).toBe('stored');
    }

    const stored = await journal.chunks('b');

    expect(await Promise.all(stored.map(async (chunk) => new Uint8Array(await chunk.blob.arrayBuffer())))).toEqual(chunks);
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

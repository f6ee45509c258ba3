import { expect } from 'vitest';
import { parseHeader } from '../../src/upload/webm-duration';

/** EBML id of Duration (in Segment > Info), as the parser gives it: without the length marker. */
const DURATION = 0x489;

/**
 * Asserts that `uploaded` is exactly `journal` (the concatenated journal chunks) with a Duration
 * element added to the Segment Info, and nothing else changed: the bytes before Info, every Info
 * child, and everything after Info (Tracks and every Cluster) are identical. Returns the Duration
 * in ms.
 */
export function expectJournalWithDuration(uploaded: Uint8Array, journal: Uint8Array): number {
  const before = parseHeader(new Uint8Array(journal.subarray(0, 256 * 1024)));
  const after = parseHeader(new Uint8Array(uploaded.subarray(0, 256 * 1024)));
  if (before === undefined || after === undefined) {
    throw new Error('No WebM header (Info and a Cluster) at the start of the journal or the upload');
  }
  const grownBy = uploaded.length - journal.length;
  expect(grownBy, 'only the 11-byte Duration element is added').toBe(11);
  expect(after.infoStart).toBe(before.infoStart);
  expect(Buffer.from(uploaded.subarray(0, before.infoStart)).equals(Buffer.from(journal.subarray(0, before.infoStart))), 'bytes before Info').toBe(true);
  expect(Buffer.from(uploaded.subarray(before.infoEnd + grownBy)).equals(Buffer.from(journal.subarray(before.infoEnd))), 'bytes after Info').toBe(true);

  const children = (info: typeof before.info) => (info.data ?? []).map((child) => ({ id: child.id as number, bytes: Buffer.from(child.data.source ?? []).toString('hex') }));
  const original = children(before.info);
  const patched = children(after.info);
  expect(original.some((child) => child.id === DURATION), 'the journal has no Duration').toBe(false);
  expect(patched.filter((child) => child.id !== DURATION)).toEqual(original);
  const duration = after.info.getSectionById(DURATION)?.getValue();
  if (typeof duration !== 'number') {
    throw new Error('The upload has no Duration');
  }
  return duration;
}

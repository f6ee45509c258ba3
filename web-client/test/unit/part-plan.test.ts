import { describe, expect, it } from 'vitest';
import { firstPartMode, partsAtStop, partsWhileRecording, planParts } from '../../src/upload/part-plan';

const chunks = (...sizes: number[]) => sizes.map((size, seq) => ({ seq, size }));

describe('planParts', () => {
  it('while recording returns only parts that reached the part size', () => {
    expect(planParts(chunks(3, 3, 2, 4, 1), 5, false)).toEqual([
      { partNumber: 1, firstSeq: 0, lastSeq: 1, size: 6 },
      { partNumber: 2, firstSeq: 2, lastSeq: 3, size: 6 },
    ]);
  });

  it('at the end makes the rest a smaller last part', () => {
    expect(planParts(chunks(3, 3, 2, 4, 1), 5, true).at(-1)).toEqual({ partNumber: 3, firstSeq: 4, lastSeq: 4, size: 1 });
  });

  it('makes a short recording one part, and a recording that ends on a part boundary no empty part', () => {
    expect(planParts(chunks(1, 2), 5, true)).toEqual([{ partNumber: 1, firstSeq: 0, lastSeq: 1, size: 3 }]);
    expect(planParts(chunks(5, 5), 5, true)).toHaveLength(2);
    expect(planParts([], 5, true)).toEqual([]);
  });

  it('plans the same parts from the same chunks, so a resumed upload matches the stored parts', () => {
    const sizes = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 13) + 1);
    const whileRecording = planParts(chunks(...sizes.slice(0, 300)), 40, false);
    const atTheEnd = planParts(chunks(...sizes), 40, true);

    expect(atTheEnd.slice(0, whileRecording.length)).toEqual(whileRecording);
    expect(atTheEnd.slice(0, -1).every((part) => part.size >= 40)).toBe(true);
    expect(atTheEnd.reduce((sum, part) => sum + part.size, 0)).toBe(sizes.reduce((a, b) => a + b, 0));
  });

  it('keeps the sequence numbers it was given (a journal may start anywhere)', () => {
    expect(planParts([{ seq: 10, size: 6 }, { seq: 11, size: 1 }], 5, true).map((p) => [p.firstSeq, p.lastSeq])).toEqual([
      [10, 10],
      [11, 11],
    ]);
  });

  it('refuses a part size that is not positive', () => {
    expect(() => planParts(chunks(1), 0, true)).toThrow(RangeError);
  });
});

describe('the two upload modes', () => {
  const sizes = chunks(3, 3, 2, 4, 3, 3, 1);

  it('takes the mode from the ticket: eager only when the server said it processes recordings', () => {
    expect(firstPartMode(true)).toBe('eager');
    expect(firstPartMode(false)).toBe('held');
    expect(firstPartMode(undefined)).toBe('held');
  });

  it('held (no processing): part 1 waits while recording, and goes up last at stop, after the tail', () => {
    expect(partsWhileRecording(sizes, 5, 'held').map((p) => p.partNumber)).toEqual([2, 3]);
    expect(partsAtStop(sizes, 5, 'held').map((p) => p.partNumber)).toEqual([2, 3, 4, 1]);
    expect(partsWhileRecording(chunks(3, 3, 1), 5, 'held')).toEqual([]);
  });

  it('eager (processing): every full part goes up while recording, part 1 first, so at stop only the tail is left', () => {
    expect(partsWhileRecording(sizes, 5, 'eager').map((p) => p.partNumber)).toEqual([1, 2, 3]);
    expect(partsWhileRecording(chunks(3, 3, 1), 5, 'eager')).toEqual([{ partNumber: 1, firstSeq: 0, lastSeq: 1, size: 6 }]);
    const atStop = partsAtStop(sizes, 5, 'eager');
    expect(atStop.map((p) => p.partNumber)).toEqual([1, 2, 3, 4]);
    const notYetUp = atStop.filter((part) => !partsWhileRecording(sizes, 5, 'eager').some((up) => up.partNumber === part.partNumber));
    expect(notYetUp).toEqual([{ partNumber: 4, firstSeq: 6, lastSeq: 6, size: 1 }]);
  });

  it('plans the same parts in both modes: only the order and the timing of part 1 differ', () => {
    const byNumber = (parts: { partNumber: number }[]) => [...parts].sort((a, b) => a.partNumber - b.partNumber);
    expect(byNumber(partsAtStop(sizes, 5, 'held'))).toEqual(byNumber(partsAtStop(sizes, 5, 'eager')));
    expect(partsAtStop([], 5, 'held')).toEqual([]);
  });
});

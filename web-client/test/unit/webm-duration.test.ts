import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWebm, parseHeader, withWebmDuration } from '../../src/upload/webm-duration';

const run = promisify(execFile);
/** A 3 s recording by Chromium's MediaRecorder (VP8 + Opus, 320x180): Segment and Clusters of unknown size, no Duration. */
const FIXTURE = join(import.meta.dirname, '../fixtures/chromium-mediarecorder-3s.webm');

let original: Uint8Array<ArrayBuffer>;
let workDir: string;

beforeAll(async () => {
  original = new Uint8Array(await readFile(FIXTURE)) as Uint8Array<ArrayBuffer>;
  workDir = await mkdtemp(join(tmpdir(), 'webm-duration-'));
});

afterAll(() => rm(workDir, { recursive: true, force: true }));

async function ffprobeDuration(bytes: Uint8Array): Promise<string> {
  const file = join(workDir, `probe-${Math.random().toString(36).slice(2)}.webm`);
  await writeFile(file, bytes);
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  return stdout.trim();
}

describe('withWebmDuration', () => {
  it('gives a MediaRecorder file a Duration that ffprobe reads', async () => {
    expect(await ffprobeDuration(original)).toBe('N/A');

    const patched = await withWebmDuration(new Blob([original as BlobPart], { type: 'video/webm' }), 3210);

    expect(patched?.type).toBe('video/webm');
    expect(Number(await ffprobeDuration(new Uint8Array(await patched!.arrayBuffer())))).toBeCloseTo(3.21, 2);
  });

  it('changes only the Info element: the bytes before it and everything from the Tracks on are kept', async () => {
    const header = parseHeader(original)!;
    const patched = new Uint8Array(await (await withWebmDuration(new Blob([original as BlobPart]), 3000))!.arrayBuffer());
    const grownBy = patched.length - original.length;

    // Duration: 2-byte id 0x4489, 1-byte size, 8-byte float.
    expect(grownBy).toBe(11);
    expect(patched.subarray(0, header.infoStart)).toEqual(original.subarray(0, header.infoStart));
    expect(patched.subarray(header.infoEnd + grownBy)).toEqual(original.subarray(header.infoEnd));
    const info = parseHeader(patched)!.info;
    expect(info.getSectionById(0x489)?.getValue()).toBe(3000);
  });

  it('patches a first part that ends in the middle of a cluster, leaving the cut bytes as they were', async () => {
    const cut = original.subarray(0, 20_000);

    const patched = new Uint8Array(await (await withWebmDuration(new Blob([cut as BlobPart]), 3000))!.arrayBuffer());

    expect(patched.length).toBe(cut.length + 11);
    expect(patched.subarray(patched.length - 15_000)).toEqual(cut.subarray(cut.length - 15_000));
  });

  it('leaves a file alone that already has a Duration or is no WebM', async () => {
    const patched = new Uint8Array(await (await withWebmDuration(new Blob([original as BlobPart]), 3000))!.arrayBuffer());

    expect(await withWebmDuration(new Blob([patched as BlobPart]), 5000)).toBeUndefined();
    expect(await withWebmDuration(new Blob(['not a webm file at all']), 5000)).toBeUndefined();
    expect(await withWebmDuration(new Blob([original.subarray(0, 100) as BlobPart]), 5000)).toBeUndefined();
  });

  it('knows which types it can patch', () => {
    expect(isWebm('video/webm;codecs=vp8,opus')).toBe(true);
    expect(isWebm('audio/webm')).toBe(true);
    expect(isWebm('video/mp4;codecs=avc1')).toBe(false);
  });
});

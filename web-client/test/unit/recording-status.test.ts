import { describe, expect, it } from 'vitest';
import { parseRecordingStatus, recordingStatus } from '../../src/recording/recording-status';

describe('recording status messages', () => {
  const since = new Date('2026-12-01T20:00:00.000Z');

  it('says recording (with the start) while recording or stopping, and not recording otherwise', () => {
    expect(recordingStatus({ kind: 'recording', startedAt: 5, recordedMs: 0 }, since)).toEqual({
      type: 'call-recordings/recording-status',
      version: 1,
      recording: true,
      paused: false,
      since: '2026-12-01T20:00:00.000Z',
    });
    expect(recordingStatus({ kind: 'stopping', durationMs: 4 }, since).recording).toBe(true);
    expect(recordingStatus({ kind: 'stopped', durationMs: 4 }, undefined)).toEqual({ type: 'call-recordings/recording-status', version: 1, recording: false });
    expect(recordingStatus({ kind: 'idle' }, undefined).recording).toBe(false);
  });

  it('says paused while paused, still recording (the file goes on after a resume)', () => {
    expect(recordingStatus({ kind: 'paused', recordedMs: 4 }, since)).toEqual({
      type: 'call-recordings/recording-status',
      version: 1,
      recording: true,
      paused: true,
      since: '2026-12-01T20:00:00.000Z',
    });
  });

  it('reads back what it sends, also through JSON, and a message from before `paused` existed', () => {
    for (const sent of [recordingStatus({ kind: 'recording', startedAt: 5, recordedMs: 0 }, since), recordingStatus({ kind: 'paused', recordedMs: 5 }, since)]) {
      expect(parseRecordingStatus(JSON.parse(JSON.stringify(sent)))).toEqual(sent);
    }
    expect(parseRecordingStatus({ type: 'call-recordings/recording-status', version: 1, recording: true })).toEqual({ type: 'call-recordings/recording-status', version: 1, recording: true });
  });

  it.each([
    ['not an object', 'recording'],
    ['null', null],
    ['another type', { type: 'chat', version: 1, recording: true }],
    ['another version', { type: 'call-recordings/recording-status', version: 2, recording: true }],
    ['recording not a boolean', { type: 'call-recordings/recording-status', version: 1, recording: 'yes' }],
    ['since not a date', { type: 'call-recordings/recording-status', version: 1, recording: true, since: 'soon' }],
    ['paused not a boolean', { type: 'call-recordings/recording-status', version: 1, recording: true, paused: 'yes' }],
  ])('ignores a message that is %s', (_what, data) => {
    expect(parseRecordingStatus(data)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { parseRecordingStatus, recordingStatus } from '../../src/recording/recording-status';

describe('recording status messages', () => {
  const since = new Date('2026-12-01T20:00:00.000Z');

  it('says recording (with the start) while recording or stopping, and not recording otherwise', () => {
    expect(recordingStatus({ kind: 'recording', startedAt: 5 }, since)).toEqual({ type: 'call-recordings/recording-status', version: 1, recording: true, since: '2026-12-01T20:00:00.000Z' });
    expect(recordingStatus({ kind: 'stopping', startedAt: 5, stoppedAt: 9 }, since).recording).toBe(true);
    expect(recordingStatus({ kind: 'stopped', durationMs: 4 }, undefined)).toEqual({ type: 'call-recordings/recording-status', version: 1, recording: false });
    expect(recordingStatus({ kind: 'idle' }, undefined).recording).toBe(false);
  });

  it('reads back what it sends, also through JSON', () => {
    const sent = recordingStatus({ kind: 'recording', startedAt: 5 }, since);
    expect(parseRecordingStatus(JSON.parse(JSON.stringify(sent)))).toEqual(sent);
  });

  it.each([
    ['not an object', 'recording'],
    ['null', null],
    ['another type', { type: 'chat', version: 1, recording: true }],
    ['another version', { type: 'call-recordings/recording-status', version: 2, recording: true }],
    ['recording not a boolean', { type: 'call-recordings/recording-status', version: 1, recording: 'yes' }],
    ['since not a date', { type: 'call-recordings/recording-status', version: 1, recording: true, since: 'soon' }],
  ])('ignores a message that is %s', (_what, data) => {
    expect(parseRecordingStatus(data)).toBeUndefined();
  });
});

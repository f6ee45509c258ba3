import { describe, expect, it } from 'vitest';
import type { RecordingView } from '../../src/upload/api-types';
import { HttpError } from '../../src/upload/errors';
import { errorText, libraryQuery, linkedRecordingId, linkedTime, partialNote, playableSource, processingLabel, resultsText } from '../../src/ui/library-view';

const recording = (fields: Partial<RecordingView> = {}): RecordingView => ({
  recording_id: 'r1', room_id: 'room-1', filename: 'a.webm', created_at: '2026-12-01T10:00:00Z', expires_at: '2026-12-31T10:00:00Z',
  status: 'COMPLETED', download_url: '/objects/a.webm', content_type: 'video/webm;codecs=vp8,opus', ...fields,
});

describe('libraryQuery', () => {
  it('leaves empty fields out and trims text', () => {
    expect(libraryQuery({ q: '  ', room: '', from: '', to: '' })).toEqual({});
    expect(libraryQuery({ q: ' sync ', room: ' room-1 ', from: '', to: '' }, { limit: 10, nextToken: 't' })).toEqual({ q: 'sync', roomId: 'room-1', limit: 10, nextToken: 't' });
  });

  it('takes from at the start of its day and to at the start of the next (the API\'s to is exclusive), in local time', () => {
    const query = libraryQuery({ q: '', room: '', from: '2026-11-30', to: '2026-12-01' });
    expect(query.from).toBe(new Date(2026, 10, 30).toISOString());
    expect(query.to).toBe(new Date(2026, 11, 2).toISOString());
  });

  it('does not judge what the server judges: from after to and a long q pass through', () => {
    const query = libraryQuery({ q: 'x'.repeat(201), room: '', from: '2026-12-10', to: '2026-12-01' });
    expect(query.q).toHaveLength(201);
    expect(Date.parse(query.from ?? '')).toBeGreaterThan(Date.parse(query.to ?? ''));
  });
});

describe('playableSource', () => {
  it('plays the MP4 rendition when there is one, else the original, and nothing before completion', () => {
    const mp4 = { format: 'mp4' as const, content_type: 'video/mp4', size: 9, download_url: '/objects/a.mp4' };
    expect(playableSource(recording({ renditions: [{ format: 'webm', content_type: 'video/webm', size: 9, download_url: '/objects/w' }, mp4] }))).toEqual({ media: 'mp4', type: 'video/mp4' });
    expect(playableSource(recording())).toEqual({ media: 'original', type: 'video/webm;codecs=vp8,opus' });
    expect(playableSource(recording({ status: 'PENDING', download_url: null }))).toBeUndefined();
  });
});

describe('the texts of the library', () => {
  it('names every processing state', () => {
    expect((['queued', 'running', 'ready', 'failed', 'off', undefined] as const).map((processing) => processingLabel(recording({ processing }))))
      .toEqual(['processing…', 'processing…', 'ready', 'processing failed', 'original only', 'original only']);
    expect(processingLabel(recording({ status: 'PENDING' }))).toBe('uploading');
    expect(processingLabel(recording({ status: 'ABANDONED' }))).toBe('abandoned');
  });

  it('says a partial recording is partial and why, and nothing for a whole one', () => {
    expect(partialNote(recording({ partial: true, partial_reason: 'client_gone' }))).toBe(
      'partial: the browser never finished uploading; this is the call up to the last part that arrived',
    );
    expect(partialNote(recording({ partial: false }))).toBeUndefined();
    expect(partialNote(recording())).toBeUndefined();
  });

  it('counts results', () => {
    expect(resultsText(0, false, false)).toBe('No recordings yet.');
    expect(resultsText(0, false, true)).toBe('No recordings match.');
    expect(resultsText(1, false, true)).toBe('1 recording match.');
    expect(resultsText(2, true, false)).toBe('2 recordings, more to load.');
  });

  it('shows the API\'s detail and field for an answered request, the message otherwise', () => {
    const problem = new HttpError(400, { title: 'Bad Request', status: 400, detail: 'q must have 1 to 200 characters', field: 'q' });
    expect(errorText(problem)).toBe('q must have 1 to 200 characters (q)');
    expect(errorText(new HttpError(502))).toBe('HTTP 502');
    expect(errorText(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
  });

  it('reads the recording id of a #recording-<id> link', () => {
    expect(linkedRecordingId('#recording-01JABC')).toBe('01JABC');
    expect(linkedRecordingId('#recording-a%20b')).toBe('a b');
    expect(linkedRecordingId('#other')).toBeUndefined();
    expect(linkedRecordingId('')).toBeUndefined();
    expect(linkedRecordingId('#recording-01JABC&t=83')).toBe('01JABC');
  });

  it('reads the moment of a deep link in seconds, m:ss or h:mm:ss', () => {
    expect(linkedTime('#recording-01JABC&t=83')).toBe(83);
    expect(linkedTime('#recording-01JABC&t=1:23')).toBe(83);
    expect(linkedTime('#recording-01JABC&t=1:02:03')).toBe(3723);
    expect(linkedTime('#recording-01JABC&t=2.5')).toBe(2.5);
    expect(linkedTime('#recording-01JABC')).toBeUndefined();
    expect(linkedTime('#recording-01JABC&t=soon')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { UnsupportedRecordingTypeError } from '../../src/recording/errors';
import { fileExtension, pickMimeType } from '../../src/recording/mime-type';

const supporting = (...types: string[]) => (type: string) => types.includes(type);

describe('pickMimeType', () => {
  it('prefers VP8/Opus WebM when the browser supports it (Chromium, Firefox)', () => {
    expect(pickMimeType(() => true)).toBe('video/webm;codecs=vp8,opus');
  });

  it('falls back to VP9, then H.264 WebM', () => {
    expect(pickMimeType(supporting('video/webm;codecs=vp9,opus', 'video/webm;codecs=h264,opus'))).toBe('video/webm;codecs=vp9,opus');
    expect(pickMimeType(supporting('video/webm;codecs=h264,opus', 'video/mp4'))).toBe('video/webm;codecs=h264,opus');
  });

  it('picks MP4 where only MP4 works (Safari)', () => {
    expect(pickMimeType(supporting('video/mp4'))).toBe('video/mp4');
  });

  it('throws UnsupportedRecordingTypeError naming the candidates when nothing is supported', () => {
    expect(() => pickMimeType(() => false, ['video/webm', 'video/mp4'])).toThrow(UnsupportedRecordingTypeError);
    expect(() => pickMimeType(() => false, ['video/webm', 'video/mp4'])).toThrow('MediaRecorder supports none of: video/webm, video/mp4');
  });
});

describe('fileExtension', () => {
  it('maps MP4 types to mp4 and everything else to webm', () => {
    expect(fileExtension('video/mp4;codecs=avc1,mp4a.40.2')).toBe('mp4');
    expect(fileExtension('video/webm;codecs=vp8,opus')).toBe('webm');
  });

  it('names audio-only MP4 m4a, as the server names the same recording', () => {
    expect(fileExtension('audio/mp4;codecs=mp4a.40.2')).toBe('m4a');
    expect(fileExtension('AUDIO/WEBM')).toBe('webm');
    expect(fileExtension('video/x-matroska')).toBe('webm');
  });
});

import { describe, expect, it } from 'vitest';
import { startCallRecording } from '../../src/call-recording';
import { InvalidRoomIdError } from '../../src/upload/errors';
import { RecordingsApi } from '../../src/upload/recordings-api';

describe('startCallRecording', () => {
  it('refuses a room id the server would refuse before it records or stores anything', async () => {
    const api = new RecordingsApi({ baseUrl: 'http://api.test', token: () => 't', fetch: () => Promise.reject(new Error('no request expected')) });
    // Node has no MediaRecorder or MediaStream: reaching the recorder would fail differently.
    const local = {} as MediaStream;
    await expect(startCallRecording({ api, user: 'a@example.com', roomId: 'room 1', local })).rejects.toBeInstanceOf(InvalidRoomIdError);
  });
});

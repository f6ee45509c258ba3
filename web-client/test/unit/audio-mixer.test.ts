import { describe, expect, it } from 'vitest';
import { AudioMixer } from '../../src/recording/audio-mixer';

/** Just enough of an AudioContext to drive the mixer's state handling; `statechange` as a browser fires it. */
class FakeAudioContext extends EventTarget {
  state = 'suspended';
  resumes = 0;
  closed = false;
  runsOnResume = true;

  createMediaStreamDestination() {
    return { stream: { getAudioTracks: () => [{ stop: () => undefined }] }, disconnect: () => undefined };
  }

  async resume(): Promise<void> {
    this.resumes += 1;
    if (this.state === 'closed') throw new DOMException('closed', 'InvalidStateError');
    if (this.runsOnResume) this.become('running');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.become('closed');
  }

  become(state: string): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

function mixerOn(context: FakeAudioContext, owned = true): AudioMixer {
  return new AudioMixer(context as unknown as AudioContext, owned, 'mixed');
}

describe('AudioMixer', () => {
  it('resumes and reports the state reached; a closed context reports closed instead of throwing', async () => {
    const context = new FakeAudioContext();
    expect(await mixerOn(context).resume()).toBe('running');
    const closed = new FakeAudioContext();
    closed.state = 'closed';
    expect(await mixerOn(closed).resume()).toBe('closed');
  });

  it('asks an interrupted (Safari) or suspended context to resume, and reports every state', async () => {
    const context = new FakeAudioContext();
    const mixer = mixerOn(context);
    await mixer.resume();
    const states: string[] = [];
    mixer.watch((state) => states.push(state));
    context.runsOnResume = false;
    context.become('interrupted');
    context.become('suspended');
    expect(context.resumes).toBe(3);
    context.runsOnResume = true;
    context.become('running');
    expect(states).toEqual(['interrupted', 'suspended', 'running']);
  });

  it('closes a context it made, but not one the app passed in', async () => {
    const own = new FakeAudioContext();
    await mixerOn(own).close();
    expect(own.closed).toBe(true);
    const apps = new FakeAudioContext();
    const mixer = mixerOn(apps, false);
    const states: string[] = [];
    mixer.watch((state) => states.push(state));
    await mixer.close();
    apps.become('suspended');
    expect(apps.closed).toBe(false);
    expect(states).toEqual([]);
  });
});

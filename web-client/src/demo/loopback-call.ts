/** A call between two peer connections in one page, so one person (or test) can record alone. */
export interface LoopbackCall {
  /** Closes both peer connections. */
  hangUp(): void;
}

/**
 * Sends `local` from one RTCPeerConnection to another in the same page, over host candidates
 * with no signalling server. `onRemoteTrack` gets the received stream once per arriving track.
 */
export async function startLoopbackCall(local: MediaStream, onRemoteTrack: (remote: MediaStream) => void): Promise<LoopbackCall> {
  const caller = new RTCPeerConnection();
  const callee = new RTCPeerConnection();
  caller.addEventListener('icecandidate', (event) => void callee.addIceCandidate(event.candidate ?? undefined));
  callee.addEventListener('icecandidate', (event) => void caller.addIceCandidate(event.candidate ?? undefined));
  const remote = new MediaStream();
  callee.addEventListener('track', (event) => {
    remote.addTrack(event.track);
    onRemoteTrack(remote);
  });
  for (const track of local.getTracks()) {
    caller.addTrack(track, local);
  }
  const offer = await caller.createOffer();
  await caller.setLocalDescription(offer);
  await callee.setRemoteDescription(offer);
  const answer = await callee.createAnswer();
  await callee.setLocalDescription(answer);
  await caller.setRemoteDescription(answer);
  return {
    hangUp() {
      caller.close();
      callee.close();
    },
  };
}

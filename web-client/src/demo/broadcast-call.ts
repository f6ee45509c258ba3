/** A call between two tabs of one browser, signalled over BroadcastChannel. */
export interface BroadcastCall {
  /** Tells the other tab and closes the connection; calling it again does nothing. */
  hangUp(): void;
  /** Sends an app message (JSON-compatible, e.g. a `RecordingStatus`) to the other tab of the room. */
  send(data: unknown): void;
}

/** Callbacks of {@link joinBroadcastCall}. */
export interface BroadcastCallEvents {
  /** The other tab's stream, once per arriving track. */
  readonly onRemoteTrack: (remote: MediaStream) => void;
  /**
   * The other tab hung up or closed: it said `bye`, or, when its page died without a word (a
   * crash, a tab torn down before its `pagehide` message was out), the connection to it failed.
   */
  readonly onPeerLeft: () => void;
  /** An app message from the other tab (see {@link BroadcastCall.send}). */
  readonly onPeerMessage?: (data: unknown) => void;
}

type Signal =
  | { readonly type: 'hello'; readonly from: string; readonly to?: string }
  | { readonly type: 'offer' | 'answer'; readonly from: string; readonly to: string; readonly sdp: RTCSessionDescriptionInit }
  | { readonly type: 'candidate'; readonly from: string; readonly to: string; readonly candidate: RTCIceCandidateInit | null }
  | { readonly type: 'bye'; readonly from: string }
  | { readonly type: 'app'; readonly from: string; readonly data: unknown };

/**
 * Joins `room` as one of two tabs. Each tab says hello; of two tabs that meet, the one with the
 * smaller id makes the offer, so two tabs opened at once do not both offer.
 */
export function joinBroadcastCall(room: string, local: MediaStream, events: BroadcastCallEvents): BroadcastCall {
  const id = crypto.randomUUID();
  const channel = new BroadcastChannel(`call-recordings/${room}`);
  let peer: { id: string; connection: RTCPeerConnection; remote: MediaStream } | undefined;
  let queue = Promise.resolve();
  let closed = false;

  // ICE candidates may still trickle in after hanging up; a closed channel throws on post.
  const post = (signal: Signal) => {
    if (!closed) channel.postMessage(signal);
  };

  const left = () => {
    peer?.connection.close();
    peer = undefined;
    events.onPeerLeft();
  };

  const connect = (peerId: string) => {
    peer?.connection.close();
    const connection = new RTCPeerConnection();
    const remote = new MediaStream();
    // A peer whose page died sends no 'bye'; its connection fails once ICE consent runs out.
    // Not at 'disconnected': Chromium passes through it mid-call and recovers. Our own close()
    // fires no event.
    connection.addEventListener('connectionstatechange', () => {
      const state = connection.connectionState;
      if ((state === 'failed' || state === 'closed') && peer?.connection === connection) left();
    });
    connection.addEventListener('icecandidate', (event) =>
      post({ type: 'candidate', from: id, to: peerId, candidate: event.candidate?.toJSON() ?? null }),
    );
    connection.addEventListener('track', (event) => {
      remote.addTrack(event.track);
      events.onRemoteTrack(remote);
    });
    for (const track of local.getTracks()) {
      connection.addTrack(track, local);
    }
    peer = { id: peerId, connection, remote };
    return connection;
  };

  const handle = async (signal: Signal) => {
    if (signal.type === 'bye') {
      if (peer?.id === signal.from) left();
      return;
    }
    if (signal.type === 'app') {
      if (peer?.id === signal.from) events.onPeerMessage?.(signal.data);
      return;
    }
    if (signal.to !== undefined && signal.to !== id) {
      return;
    }
    switch (signal.type) {
      case 'hello':
        // Two tabs opened at once each get the other's broadcast hello and also its reply: only
        // the first may start a connection, or a second offer replaces the first while the
        // answer to the first is on its way, and that answer lands on the wrong connection.
        if (peer?.id === signal.from) break;
        if (id < signal.from) {
          const connection = connect(signal.from);
          const offer = await connection.createOffer();
          await connection.setLocalDescription(offer);
          post({ type: 'offer', from: id, to: signal.from, sdp: offer });
        } else if (signal.to === undefined) {
          post({ type: 'hello', from: id, to: signal.from });
        }
        break;
      case 'offer': {
        const connection = connect(signal.from);
        await connection.setRemoteDescription(signal.sdp);
        const answer = await connection.createAnswer();
        await connection.setLocalDescription(answer);
        post({ type: 'answer', from: id, to: signal.from, sdp: answer });
        break;
      }
      case 'answer':
        if (peer?.id === signal.from) await peer.connection.setRemoteDescription(signal.sdp);
        break;
      case 'candidate':
        if (peer?.id === signal.from) await peer.connection.addIceCandidate(signal.candidate ?? undefined);
        break;
    }
  };

  channel.addEventListener('message', (event: MessageEvent<Signal>) => {
    queue = queue.then(() => handle(event.data)).catch((error: unknown) => console.error('Call signalling failed', error));
  });
  const hangUp = () => {
    post({ type: 'bye', from: id });
    closed = true;
    peer?.connection.close();
    peer = undefined;
    channel.close();
    window.removeEventListener('pagehide', hangUp);
  };
  window.addEventListener('pagehide', hangUp);
  post({ type: 'hello', from: id });
  return { hangUp, send: (data) => post({ type: 'app', from: id, data }) };
}

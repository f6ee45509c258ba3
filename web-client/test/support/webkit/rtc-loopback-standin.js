// Test stand-in (never shipped), evaluated in the page by the WebKit test harness before the
// page's own code makes a call: Debian's WebKitGTK 2.50 has no WebRTC (`RTCPeerConnection` is
// undefined). This loopback stand-in pairs two RTCPeerConnections of one page through the offer
// they exchange and hands the caller's tracks (cloned) to the callee as its remote stream, so a
// loopback call "connects". It installs itself only where the engine has no RTCPeerConnection.
(() => {
  if (typeof window.RTCPeerConnection === 'function') return;
  const peers = new Map();
  let next = 0;
  class StandInPeerConnection extends EventTarget {
    constructor() {
      super();
      this.id = `standin-${++next}`;
      this.senders = [];
      this.connectionState = 'new';
      this.iceConnectionState = 'new';
      this.signalingState = 'stable';
      this.localDescription = null;
      this.remoteDescription = null;
      this.ontrack = null;
      peers.set(this.id, this);
    }
    addTrack(track, ...streams) {
      const sender = { track, streams };
      this.senders.push(sender);
      return sender;
    }
    getSenders() {
      return this.senders.slice();
    }
    async createOffer() {
      return { type: 'offer', sdp: `v=0\r\no=standin ${this.id}\r\n` };
    }
    async createAnswer() {
      return { type: 'answer', sdp: `v=0\r\no=standin ${this.id}\r\n` };
    }
    async setLocalDescription(description) {
      this.localDescription = description;
    }
    async setRemoteDescription(description) {
      this.remoteDescription = description;
      const other = peers.get(/o=standin (\S+)/.exec(description.sdp ?? '')?.[1]);
      if (other === undefined) throw new Error('stand-in RTCPeerConnection: the description names no peer of this page');
      this.peer = other;
      // Both ends connect once the answer is in; the tracks of each reach the other.
      if (description.type === 'answer') setTimeout(() => (this.connect(other), other.connect(this)));
    }
    connect(from) {
      this.connectionState = 'connected';
      this.iceConnectionState = 'connected';
      const streams = new Map();
      for (const sender of from.senders) {
        const track = sender.track.clone();
        const stream = streams.get(sender.streams[0]) ?? new MediaStream();
        streams.set(sender.streams[0], stream);
        stream.addTrack(track);
        const event = new Event('track');
        Object.assign(event, { track, streams: [stream], receiver: { track }, transceiver: {} });
        this.dispatchEvent(event);
        this.ontrack?.(event);
      }
      this.dispatchEvent(new Event('connectionstatechange'));
      this.dispatchEvent(new Event('iceconnectionstatechange'));
    }
    async addIceCandidate() {}
    async getStats() {
      return new Map();
    }
    close() {
      this.connectionState = 'closed';
      this.signalingState = 'closed';
      peers.delete(this.id);
    }
  }
  window.RTCPeerConnection = StandInPeerConnection;
  console.log('stand-in: RTCPeerConnection is an in-page loopback (WebKitGTK 2.50 has no WebRTC): the caller\'s tracks, cloned, are the callee\'s remote stream');
})();

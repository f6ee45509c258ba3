/**
 * Plays `stream` in a new muted, detached `<video>`. The compositor draws from it, and it keeps a
 * remote WebRTC stream's audio flowing: Chromium feeds silence into WebAudio from a remote stream
 * that no media element plays.
 */
export function playMuted(stream: MediaStream): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  // A muted video may always play; if play() is refused the compositor simply has no frame yet.
  video.play().catch(() => undefined);
  return video;
}

/** Stops playback and releases the stream held by a video made with {@link playMuted}. */
export function release(video: HTMLVideoElement): void {
  video.pause();
  video.srcObject = null;
}

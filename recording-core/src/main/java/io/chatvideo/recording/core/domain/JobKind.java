package io.chatvideo.recording.core.domain;

/** What a job does with its subject. */
public enum JobKind {
  /** Probe, remux, transcode and take a poster of the completed recording whose id is the subject. */
  PROCESS_RECORDING,
  /**
   * Find when each party of the ready recording whose id is the subject spoke (its speaker
   * timeline); queued by processing once the recording is ready, so it never delays it.
   */
  FIND_SPEAKERS,
  /** The first attempt at sending the event whose id is the subject to every endpoint subscribed to its type. */
  PUBLISH_EVENT,
  /** A retry (or a test event) to one endpoint; the subject is a {@link WebhookDeliveryTarget}. */
  DELIVER_WEBHOOK,
  /** Email the owner of the recording that the event whose id is the subject reports on (ready, or processing failed). */
  SEND_EMAIL
}

package io.chatvideo.recording.cli.transfer;

import io.chatvideo.recording.cli.client.RecordingsApi;
import io.chatvideo.recording.api.PartToSign;
import io.chatvideo.recording.api.PartUpload;
import io.chatvideo.recording.cli.terminal.CliException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * The presigned URLs of a multipart upload's parts, signed a few at a time as their turn comes
 * and signed again when close to expiry or refused, like the web client's part URL cache.
 */
final class PartUrls {

  /** Part URLs signed per API call: few enough that none expires before its turn comes. */
  static final int SIGN_BATCH = 8;
  /** A URL this close to its expiry is signed again before use. */
  static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

  private record Signed(PartUpload ticket, Instant expiresAt) {}

  private final RecordingsApi api;
  private final String recordingId;
  private final int partCount;
  private final IntToLongFunction sizes;
  private final Clock clock;
  private final Map<Integer, Signed> signed = new HashMap<>();

  /** {@code sizes} gives each part's exact size, which its URL binds. */
  PartUrls(RecordingsApi api, String recordingId, int partCount, IntToLongFunction sizes, Clock clock) {
    this.api = api;
    this.recordingId = recordingId;
    this.partCount = partCount;
    this.sizes = sizes;
    this.clock = clock;
  }

  /** A fresh URL for part {@code number}, signing it (and the next few that need it) if there is none. */
  PartUpload get(int number) {
    if (!fresh(number)) {
      sign(number);
    }
    Signed url = signed.get(number);
    if (url == null) {
      throw new CliException("the recordings API signed no URL for part " + number);
    }
    return url.ticket();
  }

  /** Drops part {@code number}'s URL, so that the next {@link #get} signs a new one. */
  void forget(int number) {
    signed.remove(number);
  }

  private boolean fresh(int number) {
    Signed url = signed.get(number);
    return url != null && Duration.between(clock.instant(), url.expiresAt()).compareTo(EXPIRY_MARGIN) > 0;
  }

  private void sign(int first) {
    List<PartToSign> parts = new ArrayList<>();
    for (int n = first; n < first + SIGN_BATCH && n <= partCount; n++) {
      if (n == first || !fresh(n)) {
        parts.add(new PartToSign(n, sizes.applyAsLong(n)));
      }
    }
    List<PartUpload> tickets = api.signParts(recordingId, parts);
    Instant signedAt = clock.instant();
    for (PartUpload ticket : tickets) {
      signed.put(ticket.partNumber(), new Signed(ticket, signedAt.plusSeconds(ticket.expiresIn())));
    }
  }
}

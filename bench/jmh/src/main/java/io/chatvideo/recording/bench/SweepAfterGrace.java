package io.chatvideo.recording.bench;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.port.in.SweepUseCase.SweepReport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The sweep an operator's scheduled {@code recordings admin sweep} will run once every upload
 * window open now has closed and the abandoned-upload grace has passed: the core's own sweep,
 * wired like the CLI's, with a clock {@code UPLOAD_WINDOW} + {@link
 * Recordings#DEFAULT_ABANDONED_UPLOAD_GRACE} + 1 minute ahead. Only the bench moves the clock; it
 * shows whether the PENDING records an outage left are ones that sweep removes (the retention of
 * COMPLETED ones is far longer, so they stay).
 *
 * <p>{@code java ... SweepAfterGrace REGION BUCKET TABLE S3_ENDPOINT DYNAMODB_ENDPOINT UPLOAD_WINDOW_SECONDS};
 * credentials from the SDK's default chain.
 */
public final class SweepAfterGrace {

  private SweepAfterGrace() {}

  public static void main(String[] args) {
    Duration ahead = Duration.ofSeconds(Long.parseLong(args[5]))
        .plus(Recordings.DEFAULT_ABANDONED_UPLOAD_GRACE).plusMinutes(1);
    AwsSettings settings = new AwsSettings(args[0], args[1], args[2], Optional.of(URI.create(args[3])),
        Optional.of(URI.create(args[4])), true, Duration.ofSeconds(30));
    try (AwsBackend aws = AwsBackend.create(settings)) {
      SweepReport report = Recordings.builder()
          .repository(aws.repository()).storage(aws.storage()).ledger(aws.ledger())
          .clock(Clock.offset(Clock.systemUTC(), ahead))
          .build().sweep().sweep();
      System.out.printf("sweep as at now + %s: removed %d expired and %d abandoned recordings%n", ahead,
          report.expiredRemoved(), report.abandonedRemoved());
    }
  }
}

package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import io.chatvideo.recording.core.testing.SpeakerTimelinesContract;
import io.chatvideo.recording.core.testing.TestRecordings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The speaker timeline contract against DynamoDB Local, in the recordings table the admin init makes. */
@ExtendWith(AwsStandIns.class)
class DynamoDbSpeakerTimelinesIT extends SpeakerTimelinesContract {

  @RegisterExtension
  static final FreshTables TABLES = new FreshTables("speakers");

  private DynamoDbRecordingRepository recordings;
  private DynamoDbSpeakerTimelines timelines;

  @BeforeEach
  void table() {
    String table = TABLES.create();
    recordings = new DynamoDbRecordingRepository(TABLES.client(), table, "bucket");
    timelines = new DynamoDbSpeakerTimelines(TABLES.client(), table, recordings);
  }

  @Override
  protected RecordingRepository repository() {
    return recordings;
  }

  @Override
  protected SpeakerTimelines timelines() {
    return timelines;
  }

  @Test
  void timelinesInTheTableStayOutOfTheRecordingScans() {
    Instant t0 = Instant.parse("2026-05-01T12:00:00Z");
    var recording = TestRecordings.pending("alice@example.com", "room-1", t0);
    recordings.insert(recording);
    timelines.save(recording.id(), SpeakerTimeline.unavailable(SpeakerTimeline.MIXED_AUDIO, t0));

    assertThat(recordings.findExpired(t0.plus(Duration.ofDays(400)), 10)).extracting(r -> r.id())
        .containsExactly(recording.id());
    assertThat(recordings.listAll(10, Optional.empty()).recordings()).hasSize(1);
  }
}

package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.domain.TranscriptCue;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.Transcripts;
import io.chatvideo.recording.core.testing.TestRecordings;
import io.chatvideo.recording.core.testing.TranscriptsContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transcript contract against DynamoDB Local, in the recordings table the admin init makes. */
@ExtendWith(AwsStandIns.class)
class DynamoDbTranscriptsIT extends TranscriptsContract {

  @RegisterExtension
  static final FreshTables TABLES = new FreshTables("transcripts");

  private DynamoDbRecordingRepository recordings;
  private DynamoDbTranscripts transcripts;

  @BeforeEach
  void table() {
    String table = TABLES.create();
    recordings = new DynamoDbRecordingRepository(TABLES.client(), table, "bucket");
    transcripts = new DynamoDbTranscripts(TABLES.client(), table, recordings);
  }

  @Override
  protected RecordingRepository repository() {
    return recordings;
  }

  @Override
  protected Transcripts transcripts() {
    return transcripts;
  }

  @Test
  void transcriptsInTheTableStayOutOfTheRecordingScans() {
    Instant t0 = Instant.parse("2026-05-01T12:00:00Z");
    var recording = TestRecordings.pending("alice@example.com", "room-1", t0);
    recordings.insert(recording);
    transcripts.save(recording.id(), Transcript.skipped("embedded", Transcript.MIXED_AUDIO, t0));

    assertThat(recordings.findExpired(t0.plus(Duration.ofDays(400)), 10)).extracting(r -> r.id())
        .containsExactly(recording.id());
    assertThat(recordings.listAll(10, Optional.empty()).recordings()).hasSize(1);
  }

  @Test
  void cuesGzipCannotShrinkBelowTheItemLimitAreKeptAsAnAnswerTooLarge() {
    Instant t0 = Instant.parse("2026-05-01T12:00:00Z");
    var recording = TestRecordings.pending("alice@example.com", "room-1", t0);
    recordings.insert(recording);
    Random random = new Random(7);
    List<TranscriptCue> cues = new ArrayList<>();
    int perCue = Transcript.MAX_CHARS / Transcript.MAX_CUES;
    for (int i = 0; i < Transcript.MAX_CUES; i++) {
      StringBuilder text = new StringBuilder();
      for (int c = 0; c < perCue; c++) {
        text.appendCodePoint(0x4E00 + random.nextInt(20_000)); // three bytes each in UTF-8, no repeats to fold
      }
      cues.add(new TranscriptCue(Party.LOCAL, i * 1_000L, i * 1_000L + 900, text.toString()));
    }

    transcripts.save(recording.id(), Transcript.ready("openai", cues, t0));

    assertThat(transcripts.find(recording.id())).contains(Transcript.failed("openai", Transcript.ANSWER_TOO_LARGE, t0));
  }
}

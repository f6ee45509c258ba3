package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.SpeechSegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Finds when each party of a recording spoke from its audio: voice activity per channel (left
 * the local party, right the remote), no speech model. Reads the file as its declared type only,
 * as {@link MediaProcessor} does, and throws {@link MediaProcessingException} when it cannot.
 */
public interface SpeechActivity {

  /** How many channels the file's audio has; 0 when it has no audio stream. */
  int audioChannels(Path file, ContentType contentType);

  /**
   * When each party spoke in a two-channel file that plays for {@code duration} (its probed
   * length, which also bounds the run's time), in time order: a stretch of sound on a channel,
   * between pauses of half a second or more. At most {@code maxSegments} segments: past that the
   * shortest pauses of a party are closed.
   */
  List<SpeechSegment> speaking(Path file, ContentType contentType, Duration duration, int maxSegments);

  /**
   * Writes {@code party}'s channel of a two-channel file that plays for {@code duration} to {@code
   * wav} as what a {@link Transcriber} hears: mono, 16 kHz, 16-bit PCM WAV, as long as the file.
   */
  void partyAudio(Path file, ContentType contentType, Party party, Duration duration, Path wav);
}

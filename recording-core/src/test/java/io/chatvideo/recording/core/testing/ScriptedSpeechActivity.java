package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.SpeechSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A speech engine that answers what the test set, and counts its runs. */
public final class ScriptedSpeechActivity implements io.chatvideo.recording.core.port.out.SpeechActivity {

  private volatile int channels = 2;
  private volatile List<SpeechSegment> segments = List.of();
  private volatile MediaProcessingException failure;
  private final List<Path> read = new ArrayList<>();

  public void answer(int channels, List<SpeechSegment> segments) {
    this.channels = channels;
    this.segments = List.copyOf(segments);
    this.failure = null;
  }

  public void fail(MediaProcessingException failure) {
    this.failure = failure;
  }

  public synchronized int runs() {
    return read.size();
  }

  @Override
  public synchronized int audioChannels(Path file, ContentType contentType) {
    read.add(file);
    if (failure != null) {
      throw failure;
    }
    return channels;
  }

  @Override
  public List<SpeechSegment> speaking(Path file, ContentType contentType, Duration duration, int maxSegments) {
    return segments;
  }

  /** Writes a file naming the party, for a scripted transcriber to read back. */
  @Override
  public void partyAudio(Path file, ContentType contentType, Party party, Duration duration, Path wav) {
    try {
      Files.writeString(wav, party.wireName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

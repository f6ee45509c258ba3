package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.SpokenText;
import io.chatvideo.recording.core.domain.TranscriptionException;
import io.chatvideo.recording.core.port.out.Transcriber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A transcription engine that answers what the test set for each party, reading the party's name
 * from the file {@link ScriptedSpeechActivity#partyAudio} wrote; fails the next {@code n} runs
 * when told to, and counts its runs.
 */
public final class ScriptedTranscriber implements Transcriber {

  private final Map<String, List<SpokenText>> said = new ConcurrentHashMap<>();
  private final List<String> heard = new ArrayList<>();
  private volatile TranscriptionException failure;
  private volatile int failures;

  public void says(String party, List<SpokenText> phrases) {
    said.put(party, List.copyOf(phrases));
  }

  /** The next {@code times} runs throw {@code failure}. */
  public void fail(TranscriptionException failure, int times) {
    this.failure = failure;
    this.failures = times;
  }

  public synchronized List<String> heard() {
    return List.copyOf(heard);
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public synchronized List<SpokenText> transcribe(Path monoWav, Duration length, Locale language) {
    String party;
    try {
      party = Files.readString(monoWav);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    heard.add(party + " " + language.toLanguageTag());
    if (failures > 0) {
      failures--;
      throw failure;
    }
    return said.getOrDefault(party, List.of());
  }
}

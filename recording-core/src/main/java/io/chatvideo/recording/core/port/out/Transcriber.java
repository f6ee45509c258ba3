package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.SpokenText;
import io.chatvideo.recording.core.domain.TranscriptionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A speech-to-text engine, chosen by configuration ({@code embedded}: PocketSphinx through ffmpeg,
 * no network; {@code openai}: a server that speaks {@code POST /v1/audio/transcriptions}). It hears
 * one party at a time: the caller hands it that party's channel alone (see {@link
 * SpeechActivity#partyAudio}), so every phrase it returns is that party's and no engine has to
 * tell voices apart.
 */
public interface Transcriber {

  /** The engine's name in settings and on a transcript: {@code embedded}, {@code openai}. */
  String name();

  /**
   * What was said in {@code monoWav} (one party's channel: mono, 16 kHz, 16-bit PCM WAV, {@code
   * length} long, which also bounds the engine's time), in time order, times in milliseconds from
   * the start of the file; empty when nothing was said.
   *
   * @throws TranscriptionException when the engine cannot; its reason says whether a retry may help
   */
  List<SpokenText> transcribe(Path monoWav, Duration length, Locale language);
}

package io.chatvideo.recording.ffmpeg;

import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.SpokenText;
import io.chatvideo.recording.core.domain.TranscriptionException;
import io.chatvideo.recording.core.domain.TranscriptionException.Reason;
import io.chatvideo.recording.core.port.out.Transcriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code embedded} engine: Debian's ffmpeg {@code asr} filter (PocketSphinx with the US
 * English model of {@code pocketsphinx-en-us}), no network. One ffmpeg run per party's WAV:
 * {@code silencedetect,apad,asr,ametadata=mode=print}. PocketSphinx prints an utterance's text on
 * the frame where it saw the utterance end; {@code silencedetect} in the same run says where the
 * sound around it started and stopped, so each phrase gets the speech it came from as its times
 * ({@link PhraseTiming}). The padding at the end makes PocketSphinx hear the last utterance end
 * (without it, words spoken up to the end of the file are never printed).
 *
 * <pre>{@code
 * Transcriber engine = FfmpegTranscriber.find(FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow()).orElseThrow();
 * engine.transcribe(localWav, Duration.ofSeconds(12), Locale.US);   // [0–2900 ms "the quick brown fox …", …]
 * }</pre>
 */
public final class FfmpegTranscriber implements Transcriber {

  public static final String NAME = "embedded";
  /**
   * PocketSphinx runs at about 5× real time on one core here; a run may take up to this many
   * seconds per second of audio (on top of the engine's base timeout) before it is stopped.
   */
  static final double SECONDS_PER_SECOND = 1.0;
  /** Silence PocketSphinx hears after the last word, so that it closes the last utterance. */
  static final String TAIL_PADDING_SECONDS = "3";

  private static final String TEXT = "lavfi.asr.text=";
  private static final String SILENCE_START = "lavfi.silence_start=";
  private static final String SILENCE_END = "lavfi.silence_end=";
  private static final String PTS_TIME = "pts_time:";

  private final FfmpegSettings settings;

  private FfmpegTranscriber(FfmpegSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The engine, when this ffmpeg has the {@code asr} filter; empty when it was built without PocketSphinx. */
  public static java.util.Optional<FfmpegTranscriber> find(FfmpegSettings settings) {
    return hasAsrFilter(settings) ? java.util.Optional.of(new FfmpegTranscriber(settings))
        : java.util.Optional.empty();
  }

  /** The engine on {@code settings}' ffmpeg, whether or not it has the filter (a run then fails {@code engine_down}). */
  public static FfmpegTranscriber on(FfmpegSettings settings) {
    return new FfmpegTranscriber(settings);
  }

  /** Whether {@code ffmpeg -h filter=asr} describes the filter (an ffmpeg without it says "Unknown filter"). */
  public static boolean hasAsrFilter(FfmpegSettings settings) {
    AtomicBoolean found = new AtomicBoolean();
    try {
      ToolRun.run(List.of(settings.ffmpeg().toString(), "-hide_banner", "-h", "filter=asr"), settings.timeout(),
          line -> {
            if (line.startsWith("Filter asr")) {
              found.set(true);
            }
          });
    } catch (MediaProcessingException e) {
      return false;
    }
    return found.get();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SpokenText> transcribe(Path monoWav, Duration length, Locale language) {
    if (!supports(language)) {
      throw new TranscriptionException(Reason.LANGUAGE_UNSUPPORTED,
          "the embedded engine knows US English (en-US) only, not " + language.toLanguageTag());
    }
    if (!Files.isRegularFile(monoWav)) {
      throw new IllegalArgumentException("no audio to transcribe at " + monoWav);
    }
    List<String> command = List.of(settings.ffmpeg().toString(), "-nostdin", "-v", "error", "-f", "wav", "-i",
        monoWav.toString(), "-af", "silencedetect=n=" + FfmpegSpeechActivity.NOISE_FLOOR + ":d="
            + FfmpegSpeechActivity.SHORTEST_PAUSE_SECONDS + ",apad=pad_dur=" + TAIL_PADDING_SECONDS
            + ",asr,ametadata=mode=print:file=-", "-f", "null", "-");
    PhraseTiming timing = new PhraseTiming(length.toMillis());
    long[] frameAt = {0};
    try {
      ToolRun.run(command, FfmpegMediaProcessor.limit(settings.timeout(), length, SECONDS_PER_SECOND), line -> {
        int pts = line.indexOf(PTS_TIME);
        if (line.startsWith("frame:") && pts >= 0) {
          frameAt[0] = millis(line.substring(pts + PTS_TIME.length()));
        } else if (line.startsWith(SILENCE_START)) {
          timing.silenceFrom(millis(line.substring(SILENCE_START.length())));
        } else if (line.startsWith(SILENCE_END)) {
          timing.soundFrom(millis(line.substring(SILENCE_END.length())));
        } else if (line.startsWith(TEXT)) {
          timing.heard(line.substring(TEXT.length()), frameAt[0]);
        }
      });
    } catch (MediaProcessingException e) {
      throw switch (e.reason()) {
        case TIMED_OUT -> new TranscriptionException(Reason.TIMED_OUT,
            "the embedded engine did not finish within its time and was stopped", e.detail().orElse(null), e);
        case FAILED, ENGINE_MISSING -> new TranscriptionException(Reason.ENGINE_DOWN,
            "the embedded engine (ffmpeg's asr filter) could not run", e.getMessage() + e.detail().map(d -> "\n" + d)
                .orElse(""), e);
        default -> new TranscriptionException(Reason.BAD_ANSWER, "the embedded engine's output was not a transcript",
            e.getMessage() + e.detail().map(d -> "\n" + d).orElse(""), e);
      };
    }
    return timing.phrases();
  }

  /** The model is US English: {@code en-US}, or plain {@code en}. */
  public static boolean supports(Locale language) {
    return language.getLanguage().equals("en") && (language.getCountry().isEmpty() || language.getCountry()
        .equals("US"));
  }

  private static long millis(String seconds) {
    try {
      return Math.max(0, Math.round(Double.parseDouble(seconds.strip()) * 1000));
    } catch (NumberFormatException e) {
      throw new MediaProcessingException(MediaProcessingException.Reason.NOT_MEDIA,
          "ffmpeg printed a time that is not a number", seconds);
    }
  }

  /**
   * Gives each phrase PocketSphinx printed the times of the speech it came from. Sound runs
   * between {@code silencedetect}'s silences; a phrase printed at {@code t} covers the sound not yet
   * given to an earlier phrase that started before {@code t}, ending where that sound stopped (or at
   * {@code t}, when PocketSphinx closed an utterance within a stretch of sound). Times stay within
   * the audio's length (the padding is not audio).
   */
  static final class PhraseTiming {

    private final long lengthMs;
    private final List<long[]> sounds = new ArrayList<>();
    private final List<SpokenText> phrases = new ArrayList<>();
    private long soundSince = 0;
    private boolean silent = false;
    private long given = 0;

    PhraseTiming(long lengthMs) {
      this.lengthMs = lengthMs;
    }

    void silenceFrom(long ms) {
      if (!silent && ms > soundSince) {
        sounds.add(new long[] {soundSince, ms});
      }
      silent = true;
    }

    void soundFrom(long ms) {
      soundSince = ms;
      silent = false;
    }

    void heard(String said, long atMs) {
      String text = said.strip().replaceAll("\\s+", " ");
      if (text.isEmpty()) {
        return;
      }
      long start = -1;
      long end = -1;
      List<long[]> all = new ArrayList<>(sounds);
      if (!silent) {
        all.add(new long[] {soundSince, Long.MAX_VALUE});
      }
      for (long[] sound : all) {
        if (sound[1] <= given || sound[0] >= atMs) {
          continue;
        }
        if (start < 0) {
          start = Math.max(given, sound[0]);
        }
        end = Math.min(sound[1], atMs);
      }
      if (start < 0) {
        // Speech too quiet for silencedetect: from the last phrase's end to where PocketSphinx closed it.
        start = given;
        end = atMs;
      }
      long to = Math.min(end, lengthMs);
      long from = Math.min(start, to);
      phrases.add(new SpokenText(from, to, text));
      given = Math.max(given, end);
    }

    List<SpokenText> phrases() {
      return List.copyOf(phrases);
    }
  }
}

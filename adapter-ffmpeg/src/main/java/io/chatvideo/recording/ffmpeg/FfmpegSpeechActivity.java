package io.chatvideo.recording.ffmpeg;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.SpeechSegment;
import io.chatvideo.recording.core.port.out.SpeechActivity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who spoke when, from a recording whose left channel is the local party and right the remote:
 * one ffmpeg run per channel, {@code pan=mono|c0=cN,silencedetect=n=-35dB:d=0.5}, its silences
 * printed by {@code ametadata}; what lies between them is speech. A stretch of sound shorter than
 * {@link #SHORTEST_SPEECH_MS} (a click, the codec's first packet) is not speech. Reads the file as
 * its declared type allows ({@link AllowedMedia}), like every run of the engine.
 *
 * <pre>{@code
 * SpeechActivity speech = new FfmpegSpeechActivity(FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow());
 * if (speech.audioChannels(file, webm) == 2) {
 *   speech.speaking(file, webm, Duration.ofMinutes(3), 5_000);   // [local 0–1500 ms, remote 2000–3100 ms, …]
 * }
 * }</pre>
 */
public final class FfmpegSpeechActivity implements SpeechActivity {

  /** Quieter than this (peak of speech sits around −20 dBFS to −10 dBFS in a call) is silence. */
  static final String NOISE_FLOOR = "-35dB";
  /** A pause shorter than this is part of the speech around it: people breathe between words. */
  static final String SHORTEST_PAUSE_SECONDS = "0.5";
  static final long SHORTEST_SPEECH_MS = 100;
  /** Decoding one audio channel runs far faster than real time; this bounds a stuck run. */
  static final double SECONDS_PER_SECOND = 0.1;

  private static final String START = "lavfi.silence_start=";
  private static final String END = "lavfi.silence_end=";

  private final FfmpegSettings settings;

  public FfmpegSpeechActivity(FfmpegSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public int audioChannels(Path file, ContentType contentType) {
    AllowedMedia allowed = AllowedMedia.of(contentType);
    List<String> command = new ArrayList<>(List.of(settings.ffprobe().toString(), "-v", "error", "-select_streams",
        "a:0", "-show_entries", "stream=channels", "-of", "csv=p=0"));
    command.addAll(allowed.input(file));
    int[] channels = {0};
    ToolRun.run(command, settings.timeout(), line -> {
      String text = line.strip().replace(",", "");
      if (!text.isEmpty()) {
        try {
          channels[0] = Integer.parseInt(text);
        } catch (NumberFormatException e) {
          throw new MediaProcessingException(Reason.FAILED, "ffprobe named no channel count", line);
        }
      }
    });
    return channels[0];
  }

  @Override
  public List<SpeechSegment> speaking(Path file, ContentType contentType, Duration duration, int maxSegments) {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("at least one segment, not " + maxSegments);
    }
    List<SpeechSegment> segments = new ArrayList<>(channel(file, contentType, duration, Party.LOCAL));
    segments.addAll(channel(file, contentType, duration, Party.REMOTE));
    return bounded(segments, maxSegments);
  }

  /**
   * Both channels come out of ffmpeg as 16 kHz PCM beside {@code wav}; the party's is kept where
   * it is that party speaking, not the other's voice leaking into its microphone ({@link
   * CrossTalkGate}).
   */
  @Override
  public void partyAudio(Path file, ContentType contentType, Party party, Duration duration, Path wav) {
    Path both = wav.resolveSibling(wav.getFileName() + ".both.wav");
    List<String> command = new ArrayList<>(List.of(settings.ffmpeg().toString(), "-nostdin", "-v", "error", "-y"));
    command.addAll(AllowedMedia.of(contentType).input(file));
    command.addAll(List.of("-map", "0:a:0", "-ac", "2", "-ar", "16000", "-c:a", "pcm_s16le", "-f", "wav",
        both.toString()));
    try {
      ToolRun.run(command, FfmpegMediaProcessor.limit(settings.timeout(), duration, SECONDS_PER_SECOND), line -> { });
      CrossTalkGate.keep(both, channelOf(party), wav);
    } finally {
      try {
        Files.deleteIfExists(both);
      } catch (IOException e) {
        both.toFile().deleteOnExit();
      }
    }
  }

  /** Left is the local party, right the remote: what the recorder mixes into a {@code per_party} file. */
  private static int channelOf(Party party) {
    return party == Party.LOCAL ? 0 : 1;
  }

  /** The speech on {@code party}'s channel: the complement of its silences within {@code duration}. */
  private List<SpeechSegment> channel(Path file, ContentType contentType, Duration duration, Party party) {
    List<String> command = new ArrayList<>(List.of(settings.ffmpeg().toString(), "-nostdin", "-v", "error"));
    command.addAll(AllowedMedia.of(contentType).input(file));
    command.addAll(List.of("-map", "0:a:0", "-af", "pan=mono|c0=c" + channelOf(party) + ",silencedetect=n=" + NOISE_FLOOR
        + ":d=" + SHORTEST_PAUSE_SECONDS + ",ametadata=mode=print:file=-", "-f", "null", "-"));
    long end = duration.toMillis();
    List<SpeechSegment> speech = new ArrayList<>();
    long[] soundSince = {0};
    boolean[] silent = {false};
    ToolRun.run(command, FfmpegMediaProcessor.limit(settings.timeout(), duration, SECONDS_PER_SECOND), line -> {
      if (line.startsWith(START)) {
        long at = millis(line.substring(START.length()));
        add(speech, party, soundSince[0], Math.min(at, end));
        silent[0] = true;
      } else if (line.startsWith(END)) {
        soundSince[0] = millis(line.substring(END.length()));
        silent[0] = false;
      }
    });
    if (!silent[0]) {
      add(speech, party, soundSince[0], end);
    }
    return speech;
  }

  private static void add(List<SpeechSegment> speech, Party party, long from, long to) {
    if (to - from >= SHORTEST_SPEECH_MS) {
      speech.add(new SpeechSegment(party, Math.max(0, from), to));
    }
  }

  /**
   * At most {@code max} segments: the shortest pauses (of either party) are closed first, each
   * joining the two segments of one party around it.
   */
  static List<SpeechSegment> bounded(List<SpeechSegment> segments, int max) {
    List<SpeechSegment> sorted = segments.stream().sorted(Comparator.comparing(SpeechSegment::party)
        .thenComparingLong(SpeechSegment::startMs)).toList();
    int excess = sorted.size() - max;
    if (excess <= 0) {
      return sorted.stream().sorted(Comparator.comparingLong(SpeechSegment::startMs)).toList();
    }
    // A pause is known by the index of the segment it follows (same party as the one after it).
    List<Integer> pauses = new ArrayList<>();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).party() == sorted.get(i - 1).party()) {
        pauses.add(i);
      }
    }
    pauses.sort(Comparator.comparingLong((Integer i) -> sorted.get(i).startMs() - sorted.get(i - 1).endMs())
        .thenComparingInt(i -> i));
    Set<Integer> closed = new HashSet<>(pauses.subList(0, Math.min(excess, pauses.size())));
    List<SpeechSegment> joined = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      SpeechSegment segment = sorted.get(i);
      if (closed.contains(i)) {
        SpeechSegment before = joined.remove(joined.size() - 1);
        joined.add(new SpeechSegment(before.party(), before.startMs(), segment.endMs()));
      } else {
        joined.add(segment);
      }
    }
    return joined.stream().sorted(Comparator.comparingLong(SpeechSegment::startMs)).toList();
  }

  private static long millis(String seconds) {
    try {
      return Math.max(0, Math.round(Double.parseDouble(seconds.strip()) * 1000));
    } catch (NumberFormatException e) {
      throw new MediaProcessingException(Reason.FAILED, "silencedetect printed a time that is not a number",
          seconds);
    }
  }
}

package io.chatvideo.recording.openai.bench;

import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.openai.Speech;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * A test call whose words are known: two flite voices take turns (local {@code rms} on the left,
 * remote {@code awb} on the right) saying plain sentences for about {@code seconds}, stored as a
 * stereo WebM/Opus as the recorder makes it. Variants: {@code clean}; {@code noise} (ffmpeg's
 * {@code anoisesrc} white noise on each channel at {@link #SNR_DB} below the speech's level);
 * {@code crosstalk} (every third turn starts {@link #OVERLAP_SECONDS} before the other party
 * finished, and each party's voice reaches the other's microphone {@link #BLEED_DB} down and {@link
 * #BLEED_DELAY_MS} late, as in an echoing room).
 */
public final class SyntheticCall {

  public static final double SNR_DB = 10;
  public static final double BLEED_DB = -20;
  public static final int BLEED_DELAY_MS = 30;
  public static final double OVERLAP_SECONDS = 1.0;

  /** What the benchmark scores against: the file, how long it plays, each party's words in order. */
  public record Call(Path webm, Duration length, Map<Party, String> said) {
  }

  private static final int RATE = 16_000;
  private static final AudioFormat MONO = new AudioFormat(RATE, 16, 1, true, false);
  private static final Map<Party, String> VOICE = Map.of(Party.LOCAL, "rms", Party.REMOTE, "awb");
  private static final Map<Party, List<String>> LINES = Map.of(Party.LOCAL, List.of(
      "good morning and thank you for joining the call today",
      "we finished the new kitchen last week and it looks great",
      "the delivery truck will arrive on monday after lunch",
      "please send me the numbers for the second quarter",
      "my daughter started school in september",
      "the meeting room on the third floor is free at four",
      "i think we should order more paper for the printer",
      "the garden needs water every evening in the summer",
      "can you read the first page of the report to me",
      "we will take the early train to the city",
      "the coffee machine in the office is broken again",
      "i will call the bank about the new account tomorrow"), Party.REMOTE, List.of(
      "hello there it is good to hear your voice",
      "the weather here has been cold and rainy all week",
      "we will meet at the station tomorrow morning",
      "my brother bought a small boat for the lake",
      "the doctor said i should walk more every day",
      "our team won the football match on saturday",
      "the library closes at six on friday evenings",
      "i have a dentist appointment at nine",
      "the children love the new playground near the river",
      "she plays the piano and sings in a choir",
      "we painted the fence green last spring",
      "the price of bread went up again this month"));

  private SyntheticCall() {
  }

  public static Call make(String variant, int seconds, Path dir) throws IOException {
    boolean crosstalk = variant.equals("crosstalk");
    boolean noise = variant.equals("noise");
    if (!crosstalk && !noise && !variant.equals("clean")) {
      throw new IllegalArgumentException("a variant is clean, noise or crosstalk, not " + variant);
    }
    Files.createDirectories(dir);
    Map<String, short[]> spoken = new HashMap<>();
    Map<Party, short[]> tracks = new EnumMap<>(Party.class);
    Map<Party, List<String>> said = new EnumMap<>(Party.class);
    for (Party party : Party.values()) {
      tracks.put(party, new short[seconds * RATE]);
      said.put(party, new ArrayList<>());
    }
    double at = 0.5;
    int turn = 0;
    while (true) {
      Party party = turn % 2 == 0 ? Party.LOCAL : Party.REMOTE;
      String line = LINES.get(party).get((turn / 2) % LINES.get(party).size());
      short[] voice = spoken.computeIfAbsent(VOICE.get(party) + ":" + line, key -> say(party, line, dir));
      int start = (int) (at * RATE);
      if (start + voice.length > seconds * RATE) {
        break;
      }
      System.arraycopy(voice, 0, tracks.get(party), start, voice.length);
      said.get(party).add(line);
      double length = voice.length / (double) RATE;
      turn++;
      at += length + (crosstalk && turn % 3 == 0 ? -OVERLAP_SECONDS : 0.6);
    }
    Path local = write(tracks.get(Party.LOCAL), dir.resolve("local.wav"));
    Path remote = write(tracks.get(Party.REMOTE), dir.resolve("remote.wav"));
    Path webm = dir.resolve("call-" + variant + ".webm");
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-loglevel", "error", "-i",
        local.toString(), "-i", remote.toString()));
    String graph;
    if (noise) {
      // anoisesrc's white noise is uniform in [-amplitude, amplitude]: its RMS is amplitude / sqrt(3).
      double amplitude = Math.min(1, Math.sqrt(3) * activeRms(tracks) / Math.pow(10, SNR_DB / 20));
      for (int seed = 1; seed <= 2; seed++) {
        command.addAll(List.of("-f", "lavfi", "-i", String.format(Locale.ROOT,
            "anoisesrc=color=white:amplitude=%.6f:sample_rate=%d:duration=%d:seed=%d", amplitude, RATE, seconds, seed)));
      }
      graph = "[0:a][2:a]amix=inputs=2:normalize=0[l];[1:a][3:a]amix=inputs=2:normalize=0[r];";
    } else if (crosstalk) {
      String bleed = String.format(Locale.ROOT, "adelay=%d,volume=%.1fdB", BLEED_DELAY_MS, BLEED_DB);
      graph = "[0:a]asplit[l0][lb];[1:a]asplit[r0][rb];[lb]" + bleed + "[lx];[rb]" + bleed + "[rx];"
          + "[l0][rx]amix=inputs=2:normalize=0:duration=first[l];[r0][lx]amix=inputs=2:normalize=0:duration=first[r];";
    } else {
      graph = "[0:a]anull[l];[1:a]anull[r];";
    }
    command.addAll(List.of("-filter_complex", graph + "[l][r]join=inputs=2:channel_layout=stereo[a]", "-map", "[a]",
        "-c:a", "libopus", "-b:a", "64k", "-f", "webm", webm.toString()));
    Speech.run(command);
    Map<Party, String> words = new EnumMap<>(Party.class);
    said.forEach((party, lines) -> words.put(party, String.join(" ", lines)));
    return new Call(webm, Duration.ofSeconds(seconds), words);
  }

  private static short[] say(Party party, String line, Path dir) {
    try {
      Path wav = Speech.say(VOICE.get(party), line, Files.createTempFile(dir, "line-", ".wav"));
      try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
        byte[] pcm = in.readAllBytes();
        short[] samples = new short[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
          samples[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
        }
        return samples;
      } finally {
        Files.delete(wav);
      }
    } catch (IOException | UnsupportedAudioFileException e) {
      throw new IllegalStateException("flite could not say: " + line, e);
    }
  }

  /** The RMS of the 100 ms blocks where someone speaks (above -40 dBFS), over both parties. */
  private static double activeRms(Map<Party, short[]> tracks) {
    double sum = 0;
    long count = 0;
    for (short[] track : tracks.values()) {
      for (int block = 0; block + RATE / 10 <= track.length; block += RATE / 10) {
        double energy = 0;
        for (int i = block; i < block + RATE / 10; i++) {
          energy += (track[i] / 32768.0) * (track[i] / 32768.0);
        }
        if (energy / (RATE / 10) > 1e-4) {
          sum += energy;
          count += RATE / 10;
        }
      }
    }
    return count == 0 ? 0 : Math.sqrt(sum / count);
  }

  private static Path write(short[] samples, Path wav) throws IOException {
    byte[] pcm = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      pcm[2 * i] = (byte) samples[i];
      pcm[2 * i + 1] = (byte) (samples[i] >> 8);
    }
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), MONO, samples.length),
        AudioFileFormat.Type.WAVE, wav.toFile());
    return wav;
  }
}

package io.chatvideo.recording.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where long audio is cut: at the quietest moment near each window's end, nothing lost or doubled. */
class AudioChunksTest {

  private static final AudioFormat MONO_16K = new AudioFormat(16_000, 16, 1, true, false);

  @TempDir
  Path dir;

  @Test
  void eachCutFallsOnTheQuietestBlockOfTheWindowsLastQuarter() {
    double[] energy = new double[250];
    Arrays.fill(energy, 5.0);
    energy[90] = 0.1; // the last quarter of the first 100-block window is 75..99
    energy[60] = 0.0; // quieter, but too early: the piece would be needlessly short
    energy[185] = 0.2;

    assertThat(AudioChunks.cuts(energy, 100)).containsExactly(90L, 185L);
  }

  @Test
  void shortAudioIsSentAsItIsAndLongAudioInPiecesThatAddUpToIt() throws Exception {
    Path shortWav = wav(dir.resolve("short.wav"), 3.0);
    assertThat(AudioChunks.split(shortWav, Duration.ofSeconds(5), dir))
        .containsExactly(new AudioChunks.Chunk(shortWav, 0, 3_000));

    Path longWav = wav(dir.resolve("long.wav"), 12.0);
    List<AudioChunks.Chunk> pieces = AudioChunks.split(longWav, Duration.ofSeconds(5), dir);
    assertThat(pieces).hasSizeGreaterThanOrEqualTo(3);
    long at = 0;
    for (AudioChunks.Chunk piece : pieces) {
      assertThat(piece.offsetMs()).isEqualTo(at);
      assertThat(piece.lengthMs()).isBetween(1L, 5_000L);
      assertThat(AudioSystem.getAudioFileFormat(piece.file().toFile()).getFrameLength())
          .isEqualTo(piece.lengthMs() * 16);
      at += piece.lengthMs();
    }
    assertThat(at).isEqualTo(12_000);
  }

  /** A tone that falls silent for 0.3 s every 2 s, {@code seconds} long. */
  private static Path wav(Path file, double seconds) throws IOException {
    int frames = (int) (seconds * 16_000);
    byte[] pcm = new byte[frames * 2];
    for (int i = 0; i < frames; i++) {
      boolean quiet = (i % 32_000) > 28_000;
      short sample = quiet ? 0 : (short) (8000 * Math.sin(i * 2 * Math.PI * 440 / 16_000));
      pcm[2 * i] = (byte) sample;
      pcm[2 * i + 1] = (byte) (sample >> 8);
    }
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), MONO_16K, frames),
        AudioFileFormat.Type.WAVE, file.toFile());
    return file;
  }
}

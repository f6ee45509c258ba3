package io.chatvideo.recording.openai;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Cuts one party's WAV into pieces a transcription server takes (OpenAI caps an upload at 25 MB;
 * 16 kHz 16-bit mono is about 1.9 MB a minute), each at most {@code longest} long and cut at the
 * quietest tenth of a second in the last quarter of its window, so a cut falls between words
 * rather than through one and no overlap has to be reconciled. Audio no longer than {@code
 * longest} is sent as it is.
 */
final class AudioChunks {

  /** A piece of the audio: its file, where it starts in the whole, and how long it is. */
  record Chunk(Path file, long offsetMs, long lengthMs) {
  }

  private static final int BLOCK_MS = 100;

  private AudioChunks() {
  }

  static List<Chunk> split(Path wav, Duration longest, Path workDir) {
    try {
      AudioFormat format;
      long frames;
      double[] energy;
      try (AudioInputStream in = open(wav)) {
        format = in.getFormat();
        if (format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || format.getSampleSizeInBits() != 16
            || format.getChannels() != 1 || format.isBigEndian()) {
          throw new IllegalArgumentException("one party's audio is 16-bit little-endian mono PCM, not " + format);
        }
        frames = in.getFrameLength();
        int framesPerBlock = framesPerBlock(format);
        if (frames == AudioSystem.NOT_SPECIFIED || frames * 1000 / (long) format.getSampleRate()
            <= longest.toMillis()) {
          return frames == 0 ? List.of() : List.of(new Chunk(wav, 0, frames * 1000 / (long) format.getSampleRate()));
        }
        energy = blockEnergy(in, framesPerBlock, (int) ((frames + framesPerBlock - 1) / framesPerBlock));
      }
      List<Long> cuts = cuts(energy, (int) (longest.toMillis() / BLOCK_MS));
      return write(wav, format, frames, cuts, workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + wav.getFileName(), e);
    }
  }

  /** The blocks at which pieces start after the first: each the quietest in its window's last quarter. */
  static List<Long> cuts(double[] energy, int blocksPerChunk) {
    List<Long> cuts = new ArrayList<>();
    int start = 0;
    while (energy.length - start > blocksPerChunk) {
      int from = start + Math.max(1, blocksPerChunk * 3 / 4);
      int quietest = from;
      for (int block = from; block < start + blocksPerChunk; block++) {
        if (energy[block] < energy[quietest]) {
          quietest = block;
        }
      }
      cuts.add((long) quietest);
      start = quietest;
    }
    return cuts;
  }

  private static List<Chunk> write(Path wav, AudioFormat format, long frames, List<Long> cuts, Path workDir)
      throws IOException {
    int framesPerBlock = framesPerBlock(format);
    long rate = (long) format.getSampleRate();
    List<Chunk> chunks = new ArrayList<>();
    try (AudioInputStream in = open(wav)) {
      long at = 0;
      for (int i = 0; i <= cuts.size(); i++) {
        long end = i < cuts.size() ? cuts.get(i) * framesPerBlock : frames;
        Path piece = workDir.resolve("piece-" + i + ".wav");
        // Not closed: closing it would close the whole file's stream the next piece reads on.
        AudioInputStream part = new AudioInputStream(in, format, end - at);
        AudioSystem.write(part, AudioFileFormat.Type.WAVE, piece.toFile());
        chunks.add(new Chunk(piece, at * 1000 / rate, (end - at) * 1000 / rate));
        at = end;
      }
    }
    return chunks;
  }

  private static double[] blockEnergy(AudioInputStream in, int framesPerBlock, int blocks) throws IOException {
    double[] energy = new double[blocks];
    byte[] buffer = new byte[framesPerBlock * 2];
    for (int block = 0; block < blocks; block++) {
      int filled = in.readNBytes(buffer, 0, buffer.length);
      double sum = 0;
      for (int i = 0; i + 1 < filled; i += 2) {
        int sample = (short) ((buffer[i] & 0xff) | (buffer[i + 1] << 8));
        sum += (double) sample * sample;
      }
      energy[block] = filled == 0 ? 0 : sum / (filled / 2.0);
    }
    return energy;
  }

  private static int framesPerBlock(AudioFormat format) {
    return (int) (format.getSampleRate() * BLOCK_MS / 1000);
  }

  private static AudioInputStream open(Path wav) throws IOException {
    InputStream file = new BufferedInputStream(Files.newInputStream(wav));
    try {
      return AudioSystem.getAudioInputStream(file);
    } catch (UnsupportedAudioFileException e) {
      file.close();
      throw new IllegalArgumentException(wav.getFileName() + " is not a WAV file the engine can cut", e);
    }
  }
}

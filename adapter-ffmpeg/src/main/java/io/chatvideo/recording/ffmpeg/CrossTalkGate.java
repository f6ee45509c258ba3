package io.chatvideo.recording.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * One party's channel of a two-channel call with the other party's voice taken out where it only
 * leaked in: a microphone in a room also hears the loudspeaker, so the local channel carries the
 * remote party's words some 20 dB down (and the other way round), and a recogniser hears them as
 * this party's. Per {@link #WINDOW_MS} window, the channel is kept where it is no more than {@link
 * #BLEED_MARGIN_DB} quieter than the other channel (its own speech, both talking at once, or
 * silence on both) and silenced where the other channel is far louder (the other party talking,
 * heard through the room); a kept window holds the next {@link #HOLD_WINDOWS} windows too, so a
 * word's soft ending is not cut. Streams: memory stays a window, however long the call.
 */
final class CrossTalkGate {

  static final int WINDOW_MS = 50;
  /**
   * Bleed through a room is 15–30 dB down, so a party talking is louder on its own microphone than
   * on the other's; 3 dB kept 98 % of the words on their speaker with 20 dB bleed and overlapping
   * turns ({@code bench/transcripts.sh}), 10 dB only 92 %.
   */
  static final double BLEED_MARGIN_DB = 3;
  static final int HOLD_WINDOWS = 2;

  private CrossTalkGate() {}

  /**
   * Writes {@code channel} (0 left, 1 right) of {@code stereoWav} (16-bit PCM, two channels) to
   * {@code monoWav} as 16-bit PCM mono at the same rate, gated as above.
   */
  static void keep(Path stereoWav, int channel, Path monoWav) {
    try (AudioInputStream stereo = AudioSystem.getAudioInputStream(stereoWav.toFile())) {
      AudioFormat format = stereo.getFormat();
      if (format.getChannels() != 2 || format.getSampleSizeInBits() != 16
          || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || format.isBigEndian()) {
        throw new IllegalArgumentException("not 16-bit little-endian PCM in two channels: " + format);
      }
      AudioFormat mono = new AudioFormat(format.getSampleRate(), 16, 1, true, false);
      int frames = Math.max(1, Math.round(format.getSampleRate() * WINDOW_MS / 1000f));
      try (AudioInputStream gated = new AudioInputStream(new Gated(stereo, channel, frames), mono,
          stereo.getFrameLength())) {
        AudioSystem.write(gated, AudioFileFormat.Type.WAVE, monoWav.toFile());
      }
    } catch (UnsupportedAudioFileException e) {
      throw new IllegalArgumentException("not a WAV file: " + stereoWav, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a window whose channel and other channel hold these energies (sums of squares) is kept. */
  static boolean kept(double own, double other) {
    return own * Math.pow(10, BLEED_MARGIN_DB / 10) >= other;
  }

  /** The mono bytes of one channel, a window at a time. */
  private static final class Gated extends InputStream {
    private final InputStream stereo;
    private final int channel;
    private final byte[] in;
    private final byte[] out;
    private int outLength;
    private int outAt;
    private int hold;
    private boolean ended;

    Gated(InputStream stereo, int channel, int framesPerWindow) {
      this.stereo = stereo;
      this.channel = channel;
      this.in = new byte[framesPerWindow * 4];
      this.out = new byte[framesPerWindow * 2];
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      if (outAt == outLength && !fill()) {
        return -1;
      }
      int n = Math.min(length, outLength - outAt);
      System.arraycopy(out, outAt, target, offset, n);
      outAt += n;
      return n;
    }

    /** Reads the next window and gates it; false at the end. */
    private boolean fill() throws IOException {
      if (ended) {
        return false;
      }
      int read = stereo.readNBytes(in, 0, in.length);
      int frames = read / 4;
      if (frames == 0) {
        ended = true;
        return false;
      }
      double own = 0;
      double other = 0;
      for (int frame = 0; frame < frames; frame++) {
        int mine = sample(frame, channel);
        int theirs = sample(frame, 1 - channel);
        own += (double) mine * mine;
        other += (double) theirs * theirs;
        out[frame * 2] = in[frame * 4 + channel * 2];
        out[frame * 2 + 1] = in[frame * 4 + channel * 2 + 1];
      }
      if (kept(own, other)) {
        hold = HOLD_WINDOWS;
      } else if (hold > 0) {
        hold--;
      } else {
        Arrays.fill(out, 0, frames * 2, (byte) 0);
      }
      outLength = frames * 2;
      outAt = 0;
      return true;
    }

    private int sample(int frame, int which) {
      int at = frame * 4 + which * 2;
      return (short) ((in[at] & 0xff) | (in[at + 1] << 8));
    }

    @Override
    public void close() throws IOException {
      stereo.close();
    }
  }
}

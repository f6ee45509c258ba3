package io.chatvideo.recording.ffmpeg;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * What the tests check media with, independently of the code under test where they can: bytes
 * and boxes read in Java, pixels through ImageIO, and ffprobe/ffmpeg run directly.
 */
final class Media {

  /** The EBML id of a WebM's Cues element, the index a player seeks with. */
  private static final byte[] CUES_ID = {0x1C, 0x53, (byte) 0xBB, 0x6B};
  /** The EBML id of a Cluster, the element that carries frames. */
  private static final byte[] CLUSTER_ID = {0x1F, 0x43, (byte) 0xB6, 0x75};

  private Media() {}

  static Path fixture(String name, Path into) {
    try (InputStream in = Media.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test fixture " + name);
      }
      Path file = into.resolve(name);
      Files.copy(in, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean hasCues(Path webm) throws IOException {
    return indexOf(Files.readAllBytes(webm), CUES_ID) >= 0;
  }

  /** Where the first Cluster starts: everything before it is header. */
  static int firstCluster(byte[] webm) {
    int at = indexOf(webm, CLUSTER_ID);
    if (at < 0) {
      throw new IllegalArgumentException("no Cluster in this WebM");
    }
    return at;
  }

  static int indexOf(byte[] bytes, byte[] id) {
    outer:
    for (int i = 0; i + id.length <= bytes.length; i++) {
      for (int j = 0; j < id.length; j++) {
        if (bytes[i + j] != id[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The MP4's top-level box types in file order ({@code ftyp}, {@code moov}, {@code mdat}, …). */
  static List<String> topLevelBoxes(Path mp4) throws IOException {
    byte[] bytes = Files.readAllBytes(mp4);
    List<String> boxes = new ArrayList<>();
    long at = 0;
    while (at + 8 <= bytes.length) {
      long size = readUnsigned(bytes, (int) at, 4);
      String type = new String(bytes, (int) at + 4, 4, StandardCharsets.ISO_8859_1);
      if (size == 1) {
        size = readUnsigned(bytes, (int) at + 8, 8);
      } else if (size == 0) {
        size = bytes.length - at;
      }
      boxes.add(type);
      if (size < 8) {
        break;
      }
      at += size;
    }
    return boxes;
  }

  /** The end of the last packet, as ffprobe lists them. */
  static double packetSeconds(Path file) {
    double end = 0;
    for (String line : run("ffprobe", "-v", "error", "-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0",
        file.toString()).split("\n")) {
      String[] fields = line.split(",");
      if (fields.length >= 1 && !fields[0].isBlank() && !fields[0].equals("N/A")) {
        double duration = fields.length > 1 && !fields[1].isBlank() && !fields[1].equals("N/A")
            ? Double.parseDouble(fields[1]) : 0;
        end = Math.max(end, Double.parseDouble(fields[0]) + duration);
      }
    }
    return end;
  }

  /** The container's own duration in seconds, or -1 for {@code N/A}. */
  static double headerSeconds(Path file) {
    String value = run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file.toString())
        .strip();
    return value.equals("N/A") || value.isEmpty() ? -1 : Double.parseDouble(value);
  }

  /** Decodes every frame; answers what ffmpeg said on stderr (empty when the file decodes cleanly). */
  static String decodeErrors(Path file) {
    // Frames keep the file's own timestamps and time base: the null muxer would otherwise put
    // variable-rate frames on a coarse time base of its own and complain of its own duplicates.
    return run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-fps_mode", "passthrough",
        "-enc_time_base", "-1", "-f", "null", "-").strip();
  }

  static BufferedImage image(Path jpeg) throws IOException {
    BufferedImage image = ImageIO.read(jpeg.toFile());
    if (image == null) {
      throw new IllegalStateException(jpeg + " is not an image ImageIO can read");
    }
    return image;
  }

  /** Mean of (R + G + B) / 3 over every pixel, 0–255. */
  static double meanBrightness(BufferedImage image) {
    double sum = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        sum += (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
      }
    }
    return sum / ((double) image.getWidth() * image.getHeight());
  }

  /** Runs a program to its end (at most two minutes) and answers its stdout and stderr together. */
  static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      process.getInputStream().transferTo(out);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in two minutes");
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long readUnsigned(byte[] bytes, int at, int length) {
    long value = 0;
    for (int i = 0; i < length; i++) {
      value = (value << 8) | (bytes[at + i] & 0xff);
    }
    return value;
  }
}

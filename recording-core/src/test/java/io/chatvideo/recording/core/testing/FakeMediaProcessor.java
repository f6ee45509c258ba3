package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.port.out.MediaProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A media engine for the core's tests: a file is "media" when its bytes start with {@code
 * MEDIA}, every step writes its name in front of its input (so a test reads what was made from
 * what), and a test can make the next calls of a step fail with {@link #failNext}.
 */
public final class FakeMediaProcessor implements MediaProcessor {

  public static final MediaInfo INFO = new MediaInfo(Duration.ofMillis(3_210),
      Optional.of(new MediaInfo.VideoStream("vp8", 1280, 720)), Optional.of(new MediaInfo.AudioStream("opus")));

  private final List<String> calls = new ArrayList<>();
  private final List<Probe> probes = new ArrayList<>();
  private MediaInfo answer = INFO;
  private final List<Failure> failures = new ArrayList<>();
  private final List<Hook> hooks = new ArrayList<>();

  /** What a probe was asked: the declared type it reads the file as, and the longest it accepts. */
  public record Probe(ContentType contentType, Duration longest) {}

  private record Failure(String step, MediaProcessingException error) {}

  private record Hook(String step, Runnable action) {}

  /** Runs {@code action} when {@code step} is next called, before the step does its work. */
  public synchronized void beforeNext(String step, Runnable action) {
    hooks.add(new Hook(step, action));
  }

  /** The next call of {@code step} ({@code probe}, {@code remux}, {@code mp4}, {@code thumbnail}, {@code storyboard}) throws {@code error}. */
  public synchronized void failNext(String step, MediaProcessingException error) {
    failures.add(new Failure(step, error));
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<Probe> probes() {
    return List.copyOf(probes);
  }

  /** What {@code probe} answers from now on for a media file (an engine that trusts a header would answer anything). */
  public synchronized void answer(MediaInfo info) {
    answer = info;
  }

  @Override
  public synchronized MediaInfo probe(Path file, ContentType contentType, Duration longest) {
    step("probe");
    probes.add(new Probe(contentType, longest));
    if (!read(file).startsWith("MEDIA")) {
      throw new MediaProcessingException(MediaProcessingException.Reason.NOT_MEDIA, "not a media file");
    }
    return answer;
  }

  @Override
  public synchronized MediaInfo remuxSeekable(Path original, MediaInfo info, ContentType contentType, Path out) {
    step("remux");
    write(out, read(original).replaceFirst("^MEDIA", "MEDIA seekable"));
    return INFO;
  }

  @Override
  public synchronized MediaInfo transcodeMp4(Path original, ContentType contentType, MediaInfo info,
      AudioLayout audioLayout, Path out) {
    step("mp4");
    write(out, "mp4 of " + read(original));
    return INFO;
  }

  @Override
  public synchronized MediaInfo.VideoStream thumbnail(Path original, ContentType contentType, MediaInfo info,
      int maxWidth, Path out) {
    step("thumbnail");
    write(out, "jpeg " + maxWidth + " of " + read(original));
    return new MediaInfo.VideoStream("mjpeg", maxWidth, maxWidth * 9 / 16);
  }

  @Override
  public synchronized void storyboard(Path original, ContentType contentType, MediaInfo info, Path sprite,
      Path track) {
    step("storyboard");
    write(sprite, "sprite of " + read(original));
    write(track, "WEBVTT track of " + read(original));
  }

  private void step(String name) {
    calls.add(name);
    for (Hook hook : hooks) {
      if (hook.step().equals(name)) {
        hooks.remove(hook);
        hook.action().run();
        break;
      }
    }
    for (Failure failure : failures) {
      if (failure.step().equals(name)) {
        failures.remove(failure);
        throw failure.error();
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

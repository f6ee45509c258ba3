package io.chatvideo.recording.cli.transfer;

import io.chatvideo.recording.cli.client.RecordingsApi;
import io.chatvideo.recording.cli.client.RequestFailure;
import io.chatvideo.recording.cli.terminal.ByteSize;
import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.cli.terminal.ProgressBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams one file of a recording ({@link RemoteFile}) to disk. Bytes go to {@code NAME.part}; an existing part is resumed with a
 * Range request; the lengths the server announces and the final size are checked against the
 * recording's size; only a complete file is moved, atomically, to its name. A transfer that breaks
 * off or meets a server error is tried again from where it stopped ({@link RetryPolicy}); a refused
 * (expired) download URL is replaced by a fresh one from the API. A download that still fails
 * leaves the part file for the next run to resume.
 */
public final class Downloader {

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final int BUFFER = 64 * 1024;

  private final RecordingsApi api;
  private final PrintWriter err;
  private final boolean watched;
  private final RetryPolicy policy;

  /** {@code watched}: a person watches {@code err}, so a progress bar is drawn there. */
  public Downloader(RecordingsApi api, PrintWriter err, boolean watched, RetryPolicy policy) {
    this.api = api;
    this.err = err;
    this.watched = watched;
    this.policy = policy;
  }

  public record Downloaded(Path file, long bytes, long resumedFrom) {}

  public static Path partFile(Path target) {
    return target.resolveSibling(target.getFileName() + ".part");
  }

  public Downloaded download(RemoteFile recording, Path target) {
    OptionalLong expected = recording.size();
    Path part = partFile(target);
    try {
      long offset = resumable(part, expected);
      if (offset > 0) {
        err.println("resuming " + target.getFileName() + " at byte " + offset + " (" + ByteSize.format(offset) + ")");
      }
      long resumedFrom = offset;
      if (expected.isEmpty() || offset < expected.getAsLong()) {
        Attempts attempts = new Attempts(recording);
        resumedFrom = policy.run("downloading " + recording.recordingId(), err, RefusedUrl::retryable,
            () -> attempts.fetch(part, expected));
      }
      long size = Files.size(part);
      if (expected.isPresent() && size != expected.getAsLong()) {
        throw new CliException("downloaded " + size + " bytes of " + recording.recordingId() + " but the recording has "
            + expected.getAsLong() + "; run the same command again to resume");
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Downloaded(target, size, resumedFrom);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How much of the part file can be kept: all of it, unless it is longer than the recording. */
  private static long resumable(Path part, OptionalLong expected) throws IOException {
    long offset = Files.isRegularFile(part) ? Files.size(part) : 0;
    if (expected.isPresent() && offset > expected.getAsLong()) {
      Files.delete(part);
      return 0;
    }
    return offset;
  }

  /** The tries of one download: each resumes the part file; the first answered one tells where the bytes started. */
  private final class Attempts {

    private final RemoteFile recording;
    private String url;
    private long firstStart = -1;

    Attempts(RemoteFile recording) {
      this.recording = recording;
      this.url = recording.url();
    }

    long fetch(Path part, OptionalLong expected) {
      try {
        Downloader.this.fetch(recording, url, part, resumable(part, expected), expected, start -> {
          if (firstStart < 0) {
            firstStart = start;
          }
        });
        return firstStart;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RequestFailure e) {
        if (RefusedUrl.refused(e)) {
          url = recording.format().file(api.get(recording.recordingId())).url();
          throw new RefusedUrl(e.getMessage(), e);
        }
        throw e;
      }
    }
  }

  /** Fetches from {@code offset} on into {@code part}; tells {@code started} where the bytes really start. */
  private void fetch(RemoteFile recording, String url, Path part, long offset, OptionalLong expected,
      LongConsumer started) throws IOException {
    HttpResponse<InputStream> response = api.openDownload(url, offset);
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      long start;
      if (status == 206 && offset > 0) {
        start = checkRange(response, offset, expected);
      } else if (status == 200) {
        start = 0;
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length >= 0 && expected.isPresent() && length != expected.getAsLong()) {
          throw new CliException("the server sends " + length + " bytes for " + recording.recordingId()
              + " but the recording has " + expected.getAsLong());
        }
      } else if (status == 416) {
        Files.deleteIfExists(part);
        throw new CliException("the server refused to resume " + recording.recordingId()
            + " (HTTP 416); the partial file was removed, run the same command again");
      } else if (status == 403) {
        throw new RequestFailure(status, "the download link for " + recording.recordingId()
            + " was refused (HTTP 403); it may have expired: run the same command again");
      } else if (status == 404) {
        throw new CliException("the file of recording " + recording.recordingId() + " is no longer stored (HTTP 404)");
      } else {
        throw new RequestFailure(status, "downloading " + recording.recordingId() + " failed: HTTP " + status);
      }
      started.accept(start);
      if (offset > 0 && start == 0) {
        err.println("the server does not resume downloads; starting " + part.getFileName() + " over");
      }
      long total = expected.orElse(start + response.headers().firstValueAsLong("Content-Length").orElse(0));
      copy(body, part, start, total, recording.filename());
    }
  }

  private long checkRange(HttpResponse<?> response, long offset, OptionalLong expected) {
    String range = response.headers().firstValue("Content-Range").orElse("");
    Matcher matcher = CONTENT_RANGE.matcher(range);
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) != offset) {
      throw new CliException("the server answered a resume from byte " + offset + " with the range '" + range
          + "'; delete the .part file to start over");
    }
    if (!matcher.group(3).equals("*") && expected.isPresent()
        && Long.parseLong(matcher.group(3)) != expected.getAsLong()) {
      throw new CliException("the server's file has " + matcher.group(3) + " bytes but the recording has "
          + expected.getAsLong() + "; delete the .part file to start over");
    }
    return offset;
  }

  private void copy(InputStream body, Path part, long start, long total, String label) throws IOException {
    StandardOpenOption mode = start == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        ProgressBar progress = ProgressBar.forTerminal(err, watched, label, total, start)) {
      byte[] buffer = new byte[BUFFER];
      int read;
      try {
        while ((read = body.read(buffer)) >= 0) {
          ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
          while (bytes.hasRemaining()) {
            channel.write(bytes);
          }
          progress.advance(read);
        }
      } catch (IOException e) {
        throw RequestFailure.noAnswer("the download broke off after " + channel.size() + " bytes (" + e.getMessage()
            + "); run the same command again to resume", e);
      }
      channel.force(true);
    }
  }
}

package io.chatvideo.recording.cli;

import io.chatvideo.recording.api.RecordingJson;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams one recording to disk. Bytes go to {@code NAME.part}; an existing part is resumed with a
 * Range request; the lengths the server announces and the final size are checked against the
 * recording's size; only a complete file is moved, atomically, to its name. A download cut short
 * leaves the part file for the next run to resume.
 */
final class Downloader {

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final int BUFFER = 64 * 1024;

  private final RecordingsApi api;
  private final Environment environment;
  private final PrintWriter err;

  Downloader(RecordingsApi api, Environment environment, PrintWriter err) {
    this.api = api;
    this.environment = environment;
    this.err = err;
  }

  record Downloaded(Path file, long bytes, long resumedFrom) {}

  static Path partFile(Path target) {
    return target.resolveSibling(target.getFileName() + ".part");
  }

  Downloaded download(RecordingJson recording, Path target) {
    if (recording.downloadUrl() == null) {
      throw new CliException("recording " + recording.recordingId() + " is " + recording.status()
          + ": it has no file to download yet");
    }
    OptionalLong expected = recording.size() == null ? OptionalLong.empty() : OptionalLong.of(recording.size());
    Path part = partFile(target);
    try {
      long offset = Files.isRegularFile(part) ? Files.size(part) : 0;
      if (expected.isPresent() && offset > expected.getAsLong()) {
        Files.delete(part);
        offset = 0;
      }
      long resumedFrom = offset;
      if (offset > 0) {
        err.println("resuming " + target.getFileName() + " at byte " + offset + " (" + ByteSize.format(offset) + ")");
      }
      if (expected.isEmpty() || offset < expected.getAsLong()) {
        resumedFrom = fetch(recording, part, offset, expected);
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

  /** Fetches from {@code offset} on into {@code part}; returns where the bytes really started. */
  private long fetch(RecordingJson recording, Path part, long offset, OptionalLong expected) throws IOException {
    HttpResponse<InputStream> response = api.openDownload(recording.downloadUrl(), offset);
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
        throw new CliException("the download link for " + recording.recordingId()
            + " was refused (HTTP 403); it may have expired: run the same command again");
      } else if (status == 404) {
        throw new CliException("the file of recording " + recording.recordingId() + " is no longer stored (HTTP 404)");
      } else {
        throw new CliException("downloading " + recording.recordingId() + " failed: HTTP " + status);
      }
      if (offset > 0 && start == 0) {
        err.println("the server does not resume downloads; starting " + part.getFileName() + " over");
      }
      long total = expected.orElse(start + response.headers().firstValueAsLong("Content-Length").orElse(0));
      copy(body, part, start, total, recording.filename() == null ? recording.recordingId() : recording.filename());
      return start;
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
        ProgressBar progress = ProgressBar.forTerminal(environment, err, label, total, start)) {
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
        throw new CliException("the download broke off after " + channel.size() + " bytes (" + e.getMessage()
            + "); run the same command again to resume", e);
      }
      channel.force(true);
    }
  }
}

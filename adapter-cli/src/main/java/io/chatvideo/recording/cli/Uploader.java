package io.chatvideo.recording.cli;

import io.chatvideo.recording.api.CompletedPart;
import io.chatvideo.recording.api.MultipartTicket;
import io.chatvideo.recording.api.PartUpload;
import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.api.UploadTicket;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Uploads one file through presigned URLs and completes the recording: one PUT below the
 * multipart threshold, else parts of {@code partSize} (at least the server's minimum). Bytes are
 * streamed from disk, never held in memory. A multipart upload that fails is aborted, so it
 * leaves nothing behind; a failed single PUT leaves a pending recording the server sweeps.
 */
final class Uploader {

  /** Part URLs signed per API call: few enough that none expires before its turn comes. */
  private static final int SIGN_BATCH = 8;
  private static final int MAX_PARTS = 10_000;

  private final RecordingsApi api;
  private final Environment environment;
  private final PrintWriter err;
  private final long multipartThreshold;
  private final long partSize;

  Uploader(RecordingsApi api, Environment environment, PrintWriter err, long multipartThreshold, long partSize) {
    this.api = api;
    this.environment = environment;
    this.err = err;
    this.multipartThreshold = multipartThreshold;
    this.partSize = partSize;
  }

  record Uploaded(RecordingJson recording, long bytes, int parts) {}

  Uploaded upload(Path file, String room, String filename) {
    String contentType = MediaTypes.forFile(file);
    try {
      long size = Files.size(file);
      if (size == 0) {
        throw new CliException("cannot upload " + file + ": it is empty");
      }
      try (ProgressBar progress = ProgressBar.forTerminal(environment, err, filename, size, 0)) {
        return size < multipartThreshold
            ? single(file, size, room, filename, contentType, progress)
            : multipart(file, size, room, filename, contentType, progress);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Uploaded single(Path file, long size, String room, String filename, String contentType,
      ProgressBar progress) {
    UploadTicket ticket = api.requestUpload(room, filename, contentType, size);
    api.putObject(URI.create(ticket.uploadUrl()), headers(ticket.uploadHeaders()), slice(file, 0, size, progress));
    return new Uploaded(api.complete(ticket.recordingId(), List.of()), size, 1);
  }

  private Uploaded multipart(Path file, long size, String room, String filename, String contentType,
      ProgressBar progress) {
    MultipartTicket ticket = api.startMultipart(room, filename, contentType);
    try {
      long chosen = Math.max(Math.max(partSize, ticket.minPartSize()), ceilDiv(size, MAX_PARTS));
      int count = (int) ceilDiv(size, chosen);
      List<CompletedPart> parts = new ArrayList<>();
      for (int first = 1; first <= count; first += SIGN_BATCH) {
        List<Integer> numbers = new ArrayList<>();
        for (int n = first; n < first + SIGN_BATCH && n <= count; n++) {
          numbers.add(n);
        }
        for (PartUpload part : api.signParts(ticket.recordingId(), numbers)) {
          long offset = (part.partNumber() - 1L) * chosen;
          long length = Math.min(chosen, size - offset);
          String etag = api.putObject(URI.create(part.uploadUrl()), headers(part.uploadHeaders()),
                  slice(file, offset, length, progress))
              .orElseThrow(() -> new CliException("the storage sent no ETag for part " + part.partNumber()
                  + " (a bucket's CORS rules must expose the ETag header)"));
          parts.add(new CompletedPart(part.partNumber(), etag));
        }
      }
      return new Uploaded(api.complete(ticket.recordingId(), parts), size, count);
    } catch (RuntimeException e) {
      abortQuietly(ticket.recordingId(), e);
      throw e;
    }
  }

  private void abortQuietly(String recordingId, RuntimeException cause) {
    try {
      api.abortUpload(recordingId);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static Map<String, String> headers(Map<String, String> headers) {
    return headers == null ? Map.of() : headers;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** {@code length} bytes of the file from {@code offset}, read as the HTTP client sends them. */
  private static HttpRequest.BodyPublisher slice(Path file, long offset, long length, ProgressBar progress) {
    return HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(() -> new FileSlice(file, offset, length, progress)), length);
  }

  private static final class FileSlice extends InputStream {

    private final FileChannel channel;
    private final ProgressBar progress;
    private long remaining;

    FileSlice(Path file, long offset, long length, ProgressBar progress) {
      try {
        this.channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      this.progress = progress;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int read = channel.read(ByteBuffer.wrap(buffer, off, (int) Math.min(len, remaining)));
      if (read < 0) {
        throw new IOException("the file got shorter while it was uploaded");
      }
      remaining -= read;
      progress.advance(read);
      return read;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}

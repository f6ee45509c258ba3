package io.chatvideo.recording.cli.transfer;

import io.chatvideo.recording.cli.client.RecordingsApi;
import io.chatvideo.recording.api.CompletedPart;
import io.chatvideo.recording.api.MultipartTicket;
import io.chatvideo.recording.api.PartUpload;
import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.api.UploadTicket;
import io.chatvideo.recording.cli.client.RequestFailure;
import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.cli.terminal.ProgressBar;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploads one file through presigned URLs and completes the recording: one PUT below the
 * multipart threshold, else parts of {@code partSize} (at least the server's minimum). Bytes are
 * streamed from disk, never held in memory. Each step is retried as the web client retries it
 * ({@link RetryPolicy}); a part whose URL the storage refuses is tried again with a fresh URL. A
 * multipart upload that fails for good is aborted, so it leaves nothing behind; a failed single
 * PUT leaves a pending recording the server sweeps.
 */
public final class Uploader {

  private static final int MAX_PARTS = 10_000;

  /**
   * @param multipartThreshold files from this size up go in parts
   * @param partSize bytes per part, raised to the server's minimum
   * @param api the policy of API calls and the single PUT
   * @param parts the policy of each part
   */
  public record Settings(long multipartThreshold, long partSize, RetryPolicy api, RetryPolicy parts) {}

  public record Uploaded(RecordingJson recording, long bytes, int parts) {}

  private final RecordingsApi api;
  private final Clock clock;
  private final PrintWriter err;
  private final boolean watched;
  private final Settings settings;

  /** {@code watched}: a person watches {@code err}, so a progress bar is drawn there. */
  public Uploader(RecordingsApi api, Clock clock, PrintWriter err, boolean watched, Settings settings) {
    this.api = api;
    this.clock = clock;
    this.err = err;
    this.watched = watched;
    this.settings = settings;
  }

  public Uploaded upload(Path file, String room, String filename) {
    String contentType = MediaTypes.forFile(file);
    try {
      long size = Files.size(file);
      if (size == 0) {
        throw new CliException("cannot upload " + file + ": it is empty");
      }
      try (ProgressBar progress = ProgressBar.forTerminal(err, watched, filename, size, 0)) {
        return size < settings.multipartThreshold()
            ? single(file, size, room, filename, contentType, progress)
            : multipart(file, size, room, filename, contentType, progress);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Uploaded single(Path file, long size, String room, String filename, String contentType,
      ProgressBar progress) {
    RetryPolicy policy = settings.api();
    UploadTicket ticket = policy.run("asking for an upload URL", err,
        () -> api.requestUpload(room, filename, contentType, size));
    AtomicInteger tries = new AtomicInteger();
    policy.run("the upload", err, () -> {
      try {
        return put(ticket.uploadUrl(), ticket.uploadHeaders(), file, 0, size, progress);
      } catch (RequestFailure e) {
        if (tries.get() > 0 && storedByAnEarlierTry(e)) {
          progress.advance(size);
          return Optional.<String>empty();
        }
        throw e;
      } finally {
        tries.incrementAndGet();
      }
    });
    return new Uploaded(complete(ticket.recordingId(), List.of()), size, 1);
  }

  /**
   * Upload URLs are single-use (S3 signs {@code If-None-Match: *} and answers 412, the local store
   * takes an object once and answers 409): a retried PUT whose earlier try reached the store, its
   * answer lost, is refused although the bytes are there. The completion checks them.
   */
  private static boolean storedByAnEarlierTry(RequestFailure failure) {
    return failure.status().isPresent() && (failure.status().getAsInt() == 412 || failure.status().getAsInt() == 409);
  }

  private Uploaded multipart(Path file, long size, String room, String filename, String contentType,
      ProgressBar progress) {
    MultipartTicket ticket = settings.api().run("starting the multipart upload", err,
        () -> api.startMultipart(room, filename, contentType));
    try {
      long chosen = Math.max(Math.max(settings.partSize(), ticket.minPartSize()), ceilDiv(size, MAX_PARTS));
      int count = (int) ceilDiv(size, chosen);
      PartUrls urls = new PartUrls(api, ticket.recordingId(), count,
          number -> Math.min(chosen, size - (number - 1L) * chosen), clock);
      List<CompletedPart> parts = new ArrayList<>();
      for (int number = 1; number <= count; number++) {
        long offset = (number - 1L) * chosen;
        long length = Math.min(chosen, size - offset);
        int part = number;
        String etag = settings.parts().run("part " + part, err, RefusedUrl::retryable,
            () -> putPart(urls, part, file, offset, length, progress));
        parts.add(new CompletedPart(part, etag));
      }
      return new Uploaded(complete(ticket.recordingId(), parts), size, count);
    } catch (RuntimeException e) {
      abortQuietly(ticket.recordingId(), e);
      throw e;
    }
  }

  private String putPart(PartUrls urls, int number, Path file, long offset, long length, ProgressBar progress) {
    PartUpload url = urls.get(number);
    try {
      return put(url.uploadUrl(), url.uploadHeaders(), file, offset, length, progress)
          .orElseThrow(() -> new CliException("the storage sent no ETag for part " + number
              + " (a bucket's CORS rules must expose the ETag header)"));
    } catch (RequestFailure e) {
      if (RefusedUrl.refused(e)) {
        urls.forget(number);
        throw new RefusedUrl("the storage refused the URL of part " + number + " (HTTP 403); signing a fresh one", e);
      }
      throw e;
    }
  }

  /** One PUT of a slice; the bytes of an attempt that fails are taken off the progress bar again. */
  private Optional<String> put(String url, Map<String, String> headers, Path file, long offset, long length,
      ProgressBar progress) {
    AtomicLong sent = new AtomicLong();
    try {
      return api.putObject(URI.create(url), headers == null ? Map.of() : headers,
          FileSlice.body(file, offset, length, read -> {
            sent.addAndGet(read);
            progress.advance(read);
          }));
    } catch (RuntimeException e) {
      progress.advance(-sent.get());
      throw e;
    }
  }

  /**
   * Completes, retried; a completion whose answer was lost is refused when tried again (409), so
   * then the recording itself says whether it is complete, as the web client's recovery asks.
   */
  private RecordingJson complete(String recordingId, List<CompletedPart> parts) {
    AtomicInteger tries = new AtomicInteger();
    try {
      return settings.api().run("completing the upload", err, () -> {
        tries.incrementAndGet();
        return api.complete(recordingId, parts);
      });
    } catch (RequestFailure e) {
      if (tries.get() > 1 && e.status().orElse(0) == 409) {
        RecordingJson recording = api.get(recordingId);
        if ("COMPLETED".equals(recording.status())) {
          return recording;
        }
      }
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

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}

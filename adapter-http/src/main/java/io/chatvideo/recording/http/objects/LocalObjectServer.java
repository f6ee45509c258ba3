package io.chatvideo.recording.http.objects;

import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.problem.Problem;
import io.chatvideo.recording.local.capability.Capability;
import io.chatvideo.recording.local.capability.CapabilityRefusedException;
import io.chatvideo.recording.local.files.ObjectAccess;
import io.chatvideo.recording.local.files.ObjectDownload;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a GET (or HEAD) of a local capability URL with the object's bytes, honouring {@code
 * Range}: for {@code /objects/…} itself, and for the media routes of the watch page and the
 * library, which on the local backend stream the object at their own stable address instead of
 * redirecting. Browsers send a {@code <video>}'s later range requests to the URL a redirect named,
 * so a short-lived capability behind a redirect would die under a paused player; streamed from the
 * stable address, every range request is checked by the route again and the capability signed
 * for it is used at once.
 */
@Singleton
@Requires(property = BackendKind.PROPERTY, pattern = BackendKind.LOCAL_PATTERN, defaultValue = BackendKind.DEFAULT)
public final class LocalObjectServer {

  private static final Logger LOG = LoggerFactory.getLogger(LocalObjectServer.class);

  private final ObjectAccess objects;

  LocalObjectServer(ObjectAccess objects) {
    this.objects = objects;
  }

  /** {@link #serve(URI, HttpRequest)} for a URL as its signer wrote it. */
  public MutableHttpResponse<?> serve(String url, HttpRequest<?> request) {
    return serve(URI.create(url), request);
  }

  /** The object {@code url} (a capability URL, relative to this server) names, for {@code request}'s method and Range. */
  public MutableHttpResponse<?> serve(URI url, HttpRequest<?> request) {
    Capability capability = verify(objects, Capability.Method.GET, url);
    ObjectDownload download = objects.download(capability);
    long size = download.size();
    ByteRange range = ByteRange.parse(request.getHeaders().get(HttpHeaders.RANGE), size);
    if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
      return Problem.response(Problem.of(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
              "the range is outside the object's " + size + " bytes"))
          .header(HttpHeaders.CONTENT_RANGE, range.contentRange(size)).header(HttpHeaders.ACCEPT_RANGES, "bytes");
    }
    boolean partial = range.kind() == ByteRange.Kind.PARTIAL;
    MutableHttpResponse<Object> response = HttpResponse.status(partial ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK)
        .header(HttpHeaders.CONTENT_TYPE, download.contentType().value())
        .header(HttpHeaders.CONTENT_DISPOSITION, download.contentDisposition())
        .header(HttpHeaders.ACCEPT_RANGES, "bytes")
        .header(HttpHeaders.CACHE_CONTROL, "private") // a capability URL is one holder's; no shared cache keeps it
        .header(HttpHeaders.CONTENT_LENGTH, Long.toString(range.length()));
    download.etag().ifPresent(etag -> response.header(HttpHeaders.ETAG, etag.quoted()));
    response.header("X-Content-Type-Options", "nosniff");
    if (partial) {
      response.header(HttpHeaders.CONTENT_RANGE, range.contentRange(size));
    }
    if (request.getMethod() == HttpMethod.HEAD) {
      return response;
    }
    try {
      return response.body(new FileDownload(download.open(range.start(), range.length()), range.length()));
    } catch (IOException e) {
      return unavailable(e.toString());
    }
  }

  /** The whole object {@code url} names, if it holds at most {@code limit} bytes (a storyboard's track). */
  byte[] read(URI url, int limit) throws IOException {
    ObjectDownload download = objects.download(verify(objects, Capability.Method.GET, url));
    if (download.size() > limit) {
      throw new IOException("the object holds " + download.size() + " bytes, more than " + limit);
    }
    try (ReadableByteChannel channel = download.open(0, download.size())) {
      ByteBuffer bytes = ByteBuffer.allocate((int) download.size());
      while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
        // reads to the end
      }
      return bytes.array();
    }
  }

  /**
   * The capability the raw path and query claim; a query string that could make the signed text
   * ambiguous (see {@link QueryString}) is refused as the URL not carrying one. The key is the raw
   * path after the prefix.
   */
  static Capability verify(ObjectAccess objects, Capability.Method method, URI url) {
    Map<String, String> parameters;
    try {
      parameters = QueryString.parse(url.getRawQuery());
    } catch (IllegalArgumentException e) {
      throw new CapabilityRefusedException("malformed capability URL: " + e.getMessage());
    }
    String path = url.getRawPath();
    return objects.verify(method, path.substring(Math.min(path.length(), Capability.PATH_PREFIX.length())),
        parameters);
  }

  /** The cause names files of the data directory: the log gets it, the client a fixed sentence. */
  private static MutableHttpResponse<Problem> unavailable(String cause) {
    LOG.warn("object storage unavailable: {}", cause);
    return Problem.response(Problem.of(HttpStatus.SERVICE_UNAVAILABLE,
            "the object store is unavailable right now; retry in a few seconds"))
        .header(HttpHeaders.RETRY_AFTER, "1");
  }
}

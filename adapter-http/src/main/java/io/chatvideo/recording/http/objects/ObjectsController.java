package io.chatvideo.recording.http.objects;

import io.chatvideo.recording.core.domain.ETag;
import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.problem.Problem;
import io.chatvideo.recording.local.capability.Capability;
import io.chatvideo.recording.local.capability.CapabilityRefusedException;
import io.chatvideo.recording.local.files.ObjectAccess;
import io.chatvideo.recording.local.files.ObjectDownload;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the local backend's capability URLs at {@code /objects/…}: this class reads the
 * raw path, query and headers, asks {@link ObjectAccess} (which checks the capability and stores or
 * finds the bytes) and writes the answer: status, headers, {@code Range}. The upload PUT streams
 * the request body to disk and the download GET streams the file back, neither holding the object
 * in memory. The signed URL is the credential, so no bearer token is asked; with a backend whose
 * URLs point elsewhere (S3) this controller does not exist and these paths answer 404. The decoded
 * {@code key} only shapes the route: the raw path is the key, so an encoded character never
 * becomes part of one. A download goes out as a {@link FileDownload} over the file itself, read
 * only as fast as the client takes it; if the object was replaced or deleted between finding it
 * and opening it, the answer is a 503 to retry. Refusals are mapped to statuses by {@link
 * CapabilityRefusedHandler} and {@link ObjectRefusedHandler}.
 */
@Controller(Capability.PATH_PREFIX)
@Requires(property = BackendKind.PROPERTY, pattern = BackendKind.LOCAL_PATTERN, defaultValue = BackendKind.DEFAULT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
final class ObjectsController {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectsController.class);

  private final ObjectAccess objects;

  ObjectsController(ObjectAccess objects) {
    this.objects = objects;
  }

  @Put(value = "/{+key}", consumes = MediaType.ALL, produces = MediaType.ALL)
  HttpResponse<?> put(@PathVariable String key, HttpRequest<?> request, @Nullable @Body InputStream body) {
    Capability capability = verify(Capability.Method.PUT, request);
    OptionalLong declared;
    try {
      declared = request.getHeaders().get(HttpHeaders.CONTENT_LENGTH) == null ? OptionalLong.empty()
          : OptionalLong.of(Long.parseLong(request.getHeaders().get(HttpHeaders.CONTENT_LENGTH).strip()));
    } catch (NumberFormatException e) {
      return Problem.response(Problem.of(HttpStatus.BAD_REQUEST, "Content-Length is not a number"));
    }
    if (body == null) {
      return Problem.response(Problem.of(HttpStatus.BAD_REQUEST, "a PUT needs a body"));
    }
    ETag etag = objects.upload(capability, Optional.ofNullable(request.getHeaders().get(HttpHeaders.CONTENT_TYPE)),
        declared, body);
    return HttpResponse.ok().header(HttpHeaders.ETAG, etag.quoted());
  }

  /** Micronaut routes HEAD here too; it answers the headers only. */
  @Get(value = "/{+key}", produces = MediaType.ALL)
  HttpResponse<?> get(@PathVariable String key, HttpRequest<?> request) {
    Capability capability = verify(Capability.Method.GET, request);
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

  /**
   * The capability the raw path and query claim; a query string that could make the signed text
   * ambiguous (see {@link QueryString}) is refused as the URL not carrying one. The key is the raw
   * path after the prefix.
   */
  private Capability verify(Capability.Method method, HttpRequest<?> request) {
    Map<String, String> parameters;
    try {
      parameters = QueryString.parse(request.getUri().getRawQuery());
    } catch (IllegalArgumentException e) {
      throw new CapabilityRefusedException("malformed capability URL: " + e.getMessage());
    }
    String path = request.getUri().getRawPath();
    return objects.verify(method, path.substring(Math.min(path.length(), Capability.PATH_PREFIX.length())),
        parameters);
  }

  /** The cause names files of the data directory: the log gets it, the client a fixed sentence. */
  private static HttpResponse<Problem> unavailable(String cause) {
    LOG.warn("object storage unavailable: {}", cause);
    return Problem.response(Problem.of(HttpStatus.SERVICE_UNAVAILABLE,
            "the object store is unavailable right now; retry in a few seconds"))
        .header(HttpHeaders.RETRY_AFTER, "1");
  }
}

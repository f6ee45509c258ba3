package io.chatvideo.recording.http.objects;

import io.chatvideo.recording.core.domain.ETag;
import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.problem.Problem;
import io.chatvideo.recording.local.capability.Capability;
import io.chatvideo.recording.local.capability.CapabilityRefusedException;
import io.chatvideo.recording.local.files.ObjectAccess;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The HTTP side of the local backend's capability URLs at {@code /objects/…}: this class reads the
 * raw path, query and headers, asks {@link ObjectAccess} (which checks the capability and stores or
 * finds the bytes) and writes the answer: status, headers, {@code Range}. The upload PUT streams
 * the request body to disk and the download GET streams the file back, neither holding the object
 * in memory. The signed URL is the credential, so no bearer token is asked; with a backend whose
 * URLs point elsewhere (S3) this controller does not exist and these paths answer 404. The decoded
 * {@code key} only shapes the route: the raw path is the key, so an encoded character never
 * becomes part of one. A download ({@link LocalObjectServer}) goes out as a {@link FileDownload} over the file itself, read
 * only as fast as the client takes it; if the object was replaced or deleted between finding it
 * and opening it, the answer is a 503 to retry. Refusals are mapped to statuses by {@link
 * CapabilityRefusedHandler} and {@link ObjectRefusedHandler}.
 */
@Controller(Capability.PATH_PREFIX)
@Requires(property = BackendKind.PROPERTY, pattern = BackendKind.LOCAL_PATTERN, defaultValue = BackendKind.DEFAULT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
final class ObjectsController {


  private final ObjectAccess objects;
  private final LocalObjectServer server;

  ObjectsController(ObjectAccess objects, LocalObjectServer server) {
    this.objects = objects;
    this.server = server;
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
    return server.serve(request.getUri(), request);
  }

  /**
   * The capability the raw path and query claim; a query string that could make the signed text
   * ambiguous (see {@link QueryString}) is refused as the URL not carrying one. The key is the raw
   * path after the prefix.
   */
  private Capability verify(Capability.Method method, HttpRequest<?> request) {
    return LocalObjectServer.verify(objects, method, request.getUri());
  }
}

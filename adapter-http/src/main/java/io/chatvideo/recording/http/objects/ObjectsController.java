package io.chatvideo.recording.http.objects;

import io.chatvideo.recording.http.Backend;
import io.chatvideo.recording.http.problem.Problem;
import io.chatvideo.recording.local.EndpointResponse;
import io.chatvideo.recording.local.ObjectEndpoint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Mounts the local backend's capability URLs at {@code /objects/…}: the upload PUT streams the
 * request body to disk and the download GET streams the file back (with Range), neither holding
 * the object in memory. The signed URL is the credential, so no bearer token is asked; with a
 * backend whose URLs point elsewhere (S3) these paths answer 404. The endpoint reads the raw
 * path and query itself, so the decoded {@code key} only shapes the route. A download goes out as
 * a {@link FileDownload} over the file itself, read only as fast as the client takes it. If the
 * object was replaced or deleted between finding it and opening it, the answer is a 503 to retry.
 */
@Controller(ObjectEndpoint.PATH_PREFIX)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
final class ObjectsController {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectsController.class);

  private final Optional<ObjectEndpoint> endpoint;

  ObjectsController(Backend backend) {
    this.endpoint = backend.objects();
  }

  @Put(value = "/{+key}", consumes = MediaType.ALL, produces = MediaType.ALL)
  HttpResponse<?> put(@PathVariable String key, HttpRequest<?> request, @Nullable @Body InputStream body) {
    return answer(request, body);
  }

  /** Micronaut routes HEAD here too; the endpoint then answers the headers only. */
  @Get(value = "/{+key}", produces = MediaType.ALL)
  HttpResponse<?> get(@PathVariable String key, HttpRequest<?> request) {
    return answer(request, null);
  }

  private HttpResponse<?> answer(HttpRequest<?> request, @Nullable InputStream body) {
    if (endpoint.isEmpty()) {
      return Problem.response(Problem.of(HttpStatus.NOT_FOUND, "there is nothing at this path"));
    }
    EndpointResponse answer = endpoint.get().handle(request.getMethodName(), request.getUri().getRawPath(),
        request.getUri().getRawQuery(), lowerCaseHeaders(request), body);
    if (answer.error().isPresent() && answer.status() >= 500) {
      return unavailable(answer.error().get());
    }
    if (answer.error().isPresent()) {
      MutableHttpResponse<Problem> refused = Problem.response(
          Problem.of(HttpStatus.valueOf(answer.status()), answer.error().get()));
      answer.headers().forEach(refused::header);
      return refused;
    }
    MutableHttpResponse<Object> response = HttpResponse.status(HttpStatus.valueOf(answer.status()));
    answer.headers().forEach(response::header);
    if (answer.body().isPresent()) {
      io.chatvideo.recording.local.Body content = answer.body().get();
      try {
        response.body(new FileDownload(content.open(), content.length()));
      } catch (IOException e) {
        return unavailable(e.toString());
      }
    }
    return response;
  }

  /** The cause names files of the data directory: the log gets it, the client a fixed sentence. */
  private static HttpResponse<Problem> unavailable(String cause) {
    LOG.warn("object storage unavailable: {}", cause);
    return Problem.response(Problem.of(HttpStatus.SERVICE_UNAVAILABLE,
            "the object store is unavailable right now; retry in a few seconds"))
        .header(HttpHeaders.RETRY_AFTER, "1");
  }

  private static Map<String, String> lowerCaseHeaders(HttpRequest<?> request) {
    Map<String, String> headers = new HashMap<>();
    request.getHeaders().forEach((name, values) -> {
      if (!values.isEmpty()) {
        headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
      }
    });
    return headers;
  }
}

package io.chatvideo.recording.http.objects;

import io.chatvideo.recording.http.Backend;
import io.chatvideo.recording.http.problem.Problem;
import io.chatvideo.recording.local.EndpointResponse;
import io.chatvideo.recording.local.ObjectEndpoint;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.http.server.types.files.StreamedFile;
import jakarta.inject.Named;
import java.io.InputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Mounts the local backend's capability URLs at {@code /objects/…}: the upload PUT streams the
 * request body to disk and the download GET streams the file back (with Range), neither holding
 * the object in memory. The signed URL is the credential, so no bearer token is asked; with a
 * backend whose URLs point elsewhere (S3) these paths answer 404. The endpoint reads the raw
 * path and query itself, so the decoded {@code key} only shapes the route. A download goes out as
 * a {@link StreamedFile} so that it carries its {@code Content-Length}.
 */
@Controller(ObjectEndpoint.PATH_PREFIX)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
final class ObjectsController {

  private final Optional<ObjectEndpoint> endpoint;
  private final ExecutorService blocking;
  private final Clock clock;

  ObjectsController(Backend backend, @Named(TaskExecutors.BLOCKING) ExecutorService blocking, Clock clock) {
    this.endpoint = backend.objects();
    this.blocking = blocking;
    this.clock = clock;
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
    if (answer.error().isPresent()) {
      MutableHttpResponse<Problem> refused = Problem.response(
          Problem.of(HttpStatus.valueOf(answer.status()), answer.error().get()));
      answer.headers().forEach(refused::header);
      return refused;
    }
    MutableHttpResponse<Object> response = HttpResponse.status(HttpStatus.valueOf(answer.status()));
    answer.headers().forEach(response::header);
    answer.body().ifPresent(content -> response.body(new StreamedFile(PipedBody.stream(content, blocking),
        MediaType.APPLICATION_OCTET_STREAM_TYPE, clock.millis(), content.length())));
    return response;
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

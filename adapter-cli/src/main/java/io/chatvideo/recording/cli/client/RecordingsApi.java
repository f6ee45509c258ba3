package io.chatvideo.recording.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chatvideo.recording.api.CompleteRequest;
import io.chatvideo.recording.api.CompletedPart;
import io.chatvideo.recording.api.MultipartRequest;
import io.chatvideo.recording.api.MultipartTicket;
import io.chatvideo.recording.api.PartUpload;
import io.chatvideo.recording.api.PartUploads;
import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.api.RecordingList;
import io.chatvideo.recording.api.ShareLink;
import io.chatvideo.recording.api.ShareList;
import io.chatvideo.recording.api.ShareRequest;
import io.chatvideo.recording.api.PartToSign;
import io.chatvideo.recording.api.SignPartsRequest;
import io.chatvideo.recording.api.UploadTicket;
import io.chatvideo.recording.api.UploadUrlRequest;
import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ListingOrder;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.RecordingId;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The recordings HTTP API as the CLI uses it (the shared wire types of recording-api, errors as
 * problem+json), and the presigned object URLs it hands out. Presigned requests never carry the bearer token: it is not
 * theirs to see, and S3 rejects a request with two authentications. Redirects are followed by
 * {@link Redirects}, never with the token to another origin.
 */
public final class RecordingsApi {

  /** The most recordings one page of {@code GET /recordings} holds. */
  public static final int MAX_LIMIT = 200;

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  /** Headers HttpClient sets itself and refuses from callers; Content-Length comes from the body. */
  private static final Set<String> RESTRICTED_HEADERS = Set.of("content-length", "host", "connection", "expect",
      "upgrade");

  public static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final URI base;
  private final Optional<String> token;
  private final HttpClient http;

  public RecordingsApi(ApiUrl base, Optional<String> token) {
    this(base.uri(), token, HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        // HTTP/1.1: no h2c upgrade dance with servers and object stores that do not want one.
        .version(HttpClient.Version.HTTP_1_1)
        .build());
  }

  RecordingsApi(URI base, Optional<String> token, HttpClient http) {
    // A trailing slash makes the API's paths resolve under a base path such as https://host/api/.
    this.base = base.getPath().endsWith("/") ? base : URI.create(base + "/");
    this.token = token;
    this.http = http;
  }

  public DevToken devToken(String email) {
    return call(post("dev/token", Map.of("email", email)), DevToken.class);
  }

  /** The recordings the caller may see, {@code limit} a page, the first page or every one. */
  public PageIterator<RecordingJson> recordings(Optional<String> room, int limit, boolean everyPage) {
    return recordings(room, RecordingFilter.NONE, limit, everyPage);
  }

  /**
   * The pages of a listing narrowed by {@code filter}, whose parts go as GET /recordings's query
   * parameters; the room is sent as typed, for the server to judge.
   */
  public PageIterator<RecordingJson> recordings(Optional<String> room, RecordingFilter filter, int limit,
      boolean everyPage) {
    StringBuilder parameters = new StringBuilder();
    room.ifPresent(r -> parameter(parameters, "room_id", r));
    filter.status().ifPresent(s -> parameter(parameters, "status", s.name()));
    filter.processing().ifPresent(p -> parameter(parameters, "processing", p.wireName()));
    filter.from().ifPresent(f -> parameter(parameters, "from", f.toString()));
    filter.to().ifPresent(t -> parameter(parameters, "to", t.toString()));
    filter.q().ifPresent(q -> parameter(parameters, "q", q.folded()));
    filter.participant().ifPresent(p -> parameter(parameters, "participant", p.value()));
    if (filter.order() != ListingOrder.NEWEST) {
      parameter(parameters, "sort", filter.order().wireName());
    }
    return PageIterator.of(token -> {
      RecordingList page = list(parameters.toString(), limit, token);
      return new PageIterator.Page<>(page.recordings(), Optional.ofNullable(page.nextToken()));
    }, everyPage);
  }

  private static void parameter(StringBuilder parameters, String name, String value) {
    parameters.append('&').append(name).append('=').append(encode(value));
  }

  private RecordingList list(String parameters, int limit, Optional<String> nextToken) {
    StringBuilder query = new StringBuilder("recordings?limit=").append(limit).append(parameters);
    nextToken.ifPresent(t -> query.append("&next_token=").append(encode(t)));
    return call(authorized(request(query.toString()).GET()), RecordingList.class);
  }

  public RecordingJson get(String id) {
    return call(authorized(request(recordingPath(id)).GET()), RecordingJson.class);
  }

  /** The recording's transcript as the server renders it in {@code format} ({@code vtt}, {@code json}, {@code txt}). */
  public String transcript(String id, String format) {
    HttpRequest request = authorized(request(recordingPath(id) + "/transcript?format=" + encode(format)).GET())
        .timeout(CALL_TIMEOUT).header("Accept", "application/json, text/vtt, text/plain").build();
    HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), null);
    if (response.statusCode() / 100 != 2) {
      throw problem(response);
    }
    return response.body();
  }

  public void delete(String id) {
    call(authorized(request(recordingPath(id)).DELETE()), Void.class);
  }

  /** A new share link; {@code expiresIn} null for the server's default. */
  public ShareLink share(String id, ShareRequest request) {
    return call(authorized(post(recordingPath(id) + "/shares", request)), ShareLink.class);
  }

  public ShareList shares(String id) {
    return call(authorized(request(recordingPath(id) + "/shares").GET()), ShareList.class);
  }

  public void unshare(String id, String shareId) {
    call(authorized(request(recordingPath(id) + "/shares/" + encode(shareId)).DELETE()), Void.class);
  }

  public UploadTicket requestUpload(String room, String filename, String contentType, long size) {
    return call(authorized(post("recordings/upload-url", UploadUrlRequest.of(room, filename, contentType, size))),
        UploadTicket.class);
  }

  public MultipartTicket startMultipart(String room, String filename, String contentType) {
    return call(authorized(post("recordings/multipart", MultipartRequest.of(room, filename, contentType))),
        MultipartTicket.class);
  }

  /** Part URLs for these parts, each bound to its size. */
  public List<PartUpload> signParts(String id, List<PartToSign> parts) {
    return call(authorized(post(recordingPath(id) + "/parts", SignPartsRequest.of(parts))),
        PartUploads.class).parts();
  }

  public RecordingJson complete(String id, List<CompletedPart> parts) {
    return call(authorized(post(recordingPath(id) + "/complete",
        new CompleteRequest(parts.isEmpty() ? null : parts, null))), RecordingJson.class);
  }

  public void abortUpload(String id) {
    call(authorized(request(recordingPath(id) + "/upload").DELETE()), Void.class);
  }

  /** Starts a GET of a presigned download URL, from byte {@code offset} on when it is above zero. */
  public HttpResponse<InputStream> openDownload(String url, long offset) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(URI.create(url))).timeout(CALL_TIMEOUT).GET();
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    return send(request.build(), HttpResponse.BodyHandlers.ofInputStream(), "the download URL");
  }

  /** PUTs {@code body} to a presigned URL with exactly the headers the API said to send; returns the ETag. */
  public Optional<String> putObject(URI url, Map<String, String> headers, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(url)).PUT(body);
    headers.forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("content-length") && Long.parseLong(value.strip()) != body.contentLength()) {
        throw new CliException("the upload URL is signed for " + value + " bytes but the file part has "
            + body.contentLength());
      }
      if (!RESTRICTED_HEADERS.contains(lower)) {
        request.header(name, value);
      }
    });
    HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString(), "the upload URL");
    if (response.statusCode() / 100 != 2) {
      throw new RequestFailure(response.statusCode(), "the storage refused the upload (HTTP "
          + response.statusCode() + ")" + snippet(response.body()));
    }
    return response.headers().firstValue("ETag");
  }

  private <T> T call(HttpRequest.Builder builder, Class<T> type) {
    HttpRequest request = builder.timeout(CALL_TIMEOUT).header("Accept", "application/json").build();
    HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(), null);
    if (response.statusCode() / 100 != 2) {
      throw problem(response);
    }
    if (type == Void.class || response.body().isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(response.body(), type);
    } catch (JsonProcessingException e) {
      throw new CliException("the recordings API at " + base + " sent an answer this CLI does not understand ("
          + e.getOriginalMessage() + ")", e);
    }
  }

  private RequestFailure problem(HttpResponse<String> response) {
    int status = response.statusCode();
    String message = "the recordings API answered HTTP " + status;
    try {
      JsonNode problem = JSON.readTree(response.body());
      if (problem != null && problem.hasNonNull("detail")) {
        message = problem.get("detail").asText();
      } else if (problem != null && problem.hasNonNull("title")) {
        message = problem.get("title").asText() + " (HTTP " + status + ")";
      }
    } catch (JsonProcessingException e) {
      message += snippet(response.body());
    }
    if (status == 401) {
      message += " (the API refused the token: run `recordings login`, or check --token / RECORDINGS_TOKEN)";
    }
    return new RequestFailure(status, message);
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String what) {
    String target = what == null ? "the recordings API at " + base : what;
    try {
      return Redirects.send(http, request, handler);
    } catch (HttpConnectTimeoutException e) {
      throw RequestFailure.noAnswer("cannot reach " + target + ": connection timed out", e);
    } catch (ConnectException e) {
      throw RequestFailure.noAnswer("cannot reach " + target + ": " + reason(e, "connection refused"), e);
    } catch (HttpTimeoutException e) {
      throw RequestFailure.noAnswer(target + " did not answer within " + CALL_TIMEOUT.toSeconds() + " s", e);
    } catch (IOException e) {
      throw RequestFailure.noAnswer("talking to " + target + " failed: " + reason(e, e.getClass().getSimpleName()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", e);
    } catch (IllegalArgumentException e) {
      throw new CliException("cannot send a request to " + request.uri() + ": " + e.getMessage(), e);
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(base.resolve(pathAndQuery));
  }

  private HttpRequest.Builder post(String path, Object body) {
    try {
      return request(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a request body", e);
    }
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    String bearer = token.orElseThrow(() -> new CliException("no token for " + base
        + ": run `recordings login --email you@example.com` (dev mode), or pass --token / set RECORDINGS_TOKEN"));
    return request.header("Authorization", "Bearer " + bearer);
  }

  /** Checks the id here so a typo reads as one, and nothing but a UUID reaches a URL path. */
  private static String recordingPath(String id) {
    try {
      return "recordings/" + RecordingId.parse(id.strip());
    } catch (InvalidInputException e) {
      throw new CliException("'" + id + "' is not a recording id: ids are UUIDs like 123e4567-e89b-12d3-a456-426614174000");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String reason(Throwable e, String fallback) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return fallback;
  }

  private static String snippet(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return ": " + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat);
  }

  /** The dev mode's token; the server's auth part owns {@code POST /dev/token}, not the recordings API. */
  public record DevToken(String token, long expiresIn) {}
}

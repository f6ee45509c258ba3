package io.chatvideo.recording.local;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the capability URLs of the local object storage: the HTTP adapter hands it every request
 * under {@link #PATH_PREFIX}. A request is served only if its query carries a valid, unexpired
 * signature over its method, key and everything else it claims; then a PUT stores its body (never
 * more than the signed length, and nothing at all unless the whole body arrived), a GET or HEAD
 * reads the object with the signed content type and file name. HEAD is allowed with a GET URL, as
 * it tells nothing the GET would not.
 *
 * <p>Client mistakes are answered with a 4xx and a one-line message, storage trouble with a 503;
 * {@link #handle} does not throw.
 */
public final class ObjectEndpoint {

  public static final String PATH_PREFIX = "/objects/";

  private final FileObjectStorage storage;
  private final CapabilitySigner signer;
  private final Clock clock;

  ObjectEndpoint(FileObjectStorage storage, CapabilitySigner signer, Clock clock) {
    this.storage = storage;
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * Answers one request.
   *
   * @param method {@code PUT}, {@code GET} or {@code HEAD}
   * @param path the raw request path, starting with {@link #PATH_PREFIX}
   * @param query the raw, still percent-encoded query string (without {@code ?}), or null
   * @param lowerCaseHeaders the request headers
   * @param body the request body of a PUT; may be null otherwise
   */
  public EndpointResponse handle(String method, String path, String query, Map<String, String> lowerCaseHeaders,
      InputStream body) {
    try {
      return route(method, path, query, lowerCase(lowerCaseHeaders), body);
    } catch (StorageUnavailableException e) {
      return EndpointResponse.refused(503, e.getMessage());
    }
  }

  private EndpointResponse route(String method, String path, String query, Map<String, String> headers,
      InputStream body) {
    if (!"PUT".equals(method) && !"GET".equals(method) && !"HEAD".equals(method)) {
      return EndpointResponse.refused(405, "method not allowed here; use PUT, GET or HEAD",
          Map.of("Allow", "GET, HEAD, PUT"));
    }
    if (path == null || !path.startsWith(PATH_PREFIX)) {
      return EndpointResponse.refused(404, "no such object");
    }
    ObjectKey key;
    try {
      key = new ObjectKey(path.substring(PATH_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return EndpointResponse.refused(404, "no such object: the path does not name an object key");
    }
    Map<String, String> parameters;
    try {
      parameters = QueryString.parse(query);
    } catch (IllegalArgumentException e) {
      return EndpointResponse.refused(403, "malformed capability URL: " + e.getMessage());
    }
    String signedMethod = "HEAD".equals(method) ? "GET" : method;
    Optional<Capability> claimed = Capability.fromQuery(signedMethod, key.value(), parameters);
    if (claimed.isEmpty()) {
      return EndpointResponse.refused(403, "the URL carries no valid capability; use it exactly as it was handed out");
    }
    Capability capability = claimed.get();
    if (!signer.verify(capability, parameters.get(Capability.SIGNATURE))) {
      return EndpointResponse.refused(403,
          "the signature does not match: the URL was altered or is used with another method than " + method);
    }
    Instant expiry = Instant.ofEpochSecond(capability.expiresEpochSecond());
    if (!clock.instant().isBefore(expiry)) {
      return EndpointResponse.refused(403, "the URL expired at " + expiry + "; ask for a new one");
    }
    if ("PUT".equals(method)) {
      return put(capability, key, headers, body);
    }
    return get(capability, key, headers, "HEAD".equals(method));
  }

  private EndpointResponse put(Capability capability, ObjectKey key, Map<String, String> headers, InputStream body) {
    boolean part = !capability.uploadId().isEmpty();
    int partNumber = 0;
    if (part) {
      try {
        partNumber = SizePolicy.checkPartNumber(Integer.parseInt(capability.partNumber()));
      } catch (NumberFormatException | InvalidInputException e) {
        return EndpointResponse.refused(403, "the URL names no valid part number");
      }
      if (!storage.isOpenUpload(key, capability.uploadId())) {
        return EndpointResponse.refused(404, "no such multipart upload: it was completed or aborted");
      }
    }
    if (!capability.contentType().isEmpty()) {
      String sent = headers.get("content-type");
      if (sent == null || !normalized(sent).equals(capability.contentType())) {
        return EndpointResponse.refused(403, "Content-Type must be " + capability.contentType() + ", as signed");
      }
    }
    boolean exact = capability.length().startsWith("=");
    long bound;
    try {
      bound = Long.parseLong(capability.length().substring(exact ? 1 : 2));
    } catch (RuntimeException e) {
      return EndpointResponse.refused(403, "the URL is not an upload URL");
    }
    Optional<Long> declared;
    try {
      declared = Optional.ofNullable(headers.get("content-length")).map(String::strip).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return EndpointResponse.refused(400, "Content-Length is not a number");
    }
    if (declared.isPresent() && (exact ? declared.get() != bound : declared.get() > bound || declared.get() < 0)) {
      return EndpointResponse.refused(403, "Content-Length must be " + (exact ? "" : "at most ") + bound
          + " bytes, as signed");
    }
    if (body == null) {
      return EndpointResponse.refused(400, "a PUT needs a body");
    }
    try (StagedFile staged = storage.stage()) {
      long received = staged.copyFrom(body, bound);
      if (received > bound) {
        return EndpointResponse.refused(400, "the body is longer than the " + bound
            + " bytes this URL allows; nothing was stored");
      }
      if (exact && received < bound) {
        return EndpointResponse.refused(400, "the body has " + received + " bytes, fewer than the " + bound
            + " signed; nothing was stored");
      }
      if (declared.isPresent() && received != declared.get()) {
        return EndpointResponse.refused(400, "the body has " + received + " bytes but Content-Length said "
            + declared.get() + "; nothing was stored");
      }
      FileStamp stamp;
      if (part) {
        Optional<FileStamp> stored = storage.commitPart(key, capability.uploadId(), partNumber, staged);
        if (stored.isEmpty()) {
          return EndpointResponse.refused(404, "no such multipart upload: it was completed or aborted");
        }
        stamp = stored.get();
      } else {
        stamp = storage.commitObject(key, staged);
      }
      return EndpointResponse.of(200, Map.of("ETag", FileObjectStorage.quote(stamp.sha256())), Optional.empty());
    } catch (BodyReadException e) {
      return EndpointResponse.refused(400, "the upload was interrupted; nothing was stored");
    } catch (IOException e) {
      return EndpointResponse.refused(503, "the object could not be stored: " + e.getMessage());
    }
  }

  private EndpointResponse get(Capability capability, ObjectKey key, Map<String, String> headers, boolean headOnly) {
    Filename filename;
    try {
      filename = new Filename(capability.filename());
    } catch (IllegalArgumentException e) {
      return EndpointResponse.refused(403, "the URL is not a download URL");
    }
    if (capability.contentType().isEmpty()) {
      return EndpointResponse.refused(403, "the URL is not a download URL");
    }
    Optional<ObjectFile> found = storage.stat(key);
    if (found.isEmpty()) {
      return EndpointResponse.refused(404, "no such object");
    }
    ObjectFile file = found.get();
    ByteRange range = ByteRange.parse(headers.get("range"), file.size());
    if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
      return EndpointResponse.refused(416, "the range is outside the object's " + file.size() + " bytes",
          Map.of("Content-Range", range.contentRange(file.size()), "Accept-Ranges", "bytes"));
    }
    Map<String, String> response = new LinkedHashMap<>();
    response.put("Content-Type", capability.contentType());
    response.put("Content-Disposition", filename.contentDisposition());
    response.put("Accept-Ranges", "bytes");
    response.put("Content-Length", Long.toString(range.length()));
    file.sha256().ifPresent(sha -> response.put("ETag", FileObjectStorage.quote(sha)));
    response.put("X-Content-Type-Options", "nosniff");
    boolean partial = range.kind() == ByteRange.Kind.PARTIAL;
    if (partial) {
      response.put("Content-Range", range.contentRange(file.size()));
    }
    return EndpointResponse.of(partial ? 206 : 200, response,
        headOnly ? Optional.empty() : Optional.of(new FileRangeBody(file, range.start(), range.length())));
  }

  /** The normal form of a sent content type, or the text itself if it is not one we accept. */
  private static String normalized(String contentType) {
    try {
      return ContentType.parse(contentType).value();
    } catch (InvalidInputException e) {
      return contentType;
    }
  }

  private static Map<String, String> lowerCase(Map<String, String> headers) {
    Map<String, String> lower = new HashMap<>();
    if (headers != null) {
      headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    }
    return lower;
  }
}

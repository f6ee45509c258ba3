package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.domain.ETag;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.local.capability.Capability;
import io.chatvideo.recording.local.capability.CapabilityRefusedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Plays the HTTP adapter's part for the storage tests: turns a presigned request into {@link
 * ObjectAccess} calls and tells what came back. Its query decoding is the plain one; the strict
 * parsing of raw query strings is the HTTP adapter's and tested there.
 */
final class ObjectClient {

  /** What the store answered: success, or which kind of refusal. */
  enum Outcome { OK, CAPABILITY_REFUSED, NO_SUCH_OBJECT, NO_SUCH_UPLOAD, UPLOAD_CLOSED, BAD_BODY }

  record Answer(Outcome outcome, Optional<String> message, Optional<ETag> etag, Optional<ObjectDownload> download) {}

  private final ObjectAccess access;

  ObjectClient(ObjectAccess access) {
    this.access = access;
  }

  Answer send(PresignedRequest request, byte[] body) {
    return send(request.method(), request, Map.of(), body == null ? null : new ByteArrayInputStream(body));
  }

  /** Sends {@code request} with its signed headers plus {@code extraHeaders}, as {@code method}. */
  Answer send(String method, PresignedRequest request, Map<String, String> extraHeaders, InputStream body) {
    return sendRaw(method, request.uri().getRawPath(), request.uri().getRawQuery(), headers(request, extraHeaders),
        body);
  }

  Answer sendRaw(String method, String path, String query, Map<String, String> headers, InputStream body) {
    Capability.Method signed = "PUT".equals(method) ? Capability.Method.PUT : Capability.Method.GET;
    try {
      Capability capability = access.verify(signed,
          URLDecoder.decode(path.substring(Capability.PATH_PREFIX.length()), StandardCharsets.UTF_8), decode(query));
      if (signed == Capability.Method.PUT) {
        OptionalLong length = headers.containsKey("content-length")
            ? OptionalLong.of(Long.parseLong(headers.get("content-length"))) : OptionalLong.empty();
        ETag etag = access.upload(capability, Optional.ofNullable(headers.get("content-type")), length,
            body == null ? InputStream.nullInputStream() : body);
        return new Answer(Outcome.OK, Optional.empty(), Optional.of(etag), Optional.empty());
      }
      ObjectDownload download = access.download(capability);
      return new Answer(Outcome.OK, Optional.empty(), download.etag(), Optional.of(download));
    } catch (CapabilityRefusedException e) {
      return new Answer(Outcome.CAPABILITY_REFUSED, Optional.of(e.getMessage()), Optional.empty(), Optional.empty());
    } catch (ObjectRefusedException e) {
      return new Answer(Outcome.valueOf(e.reason().name()), Optional.of(e.getMessage()), Optional.empty(),
          Optional.empty());
    }
  }

  static Map<String, String> headers(PresignedRequest request, Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>();
    request.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    extra.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    return headers;
  }

  /** The whole object an answer found, read through {@link ObjectDownload#open}. */
  static byte[] bytes(Answer answer) {
    ObjectDownload download = answer.download().orElseThrow(() -> new AssertionError("no object: " + answer));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = Channels.newInputStream(download.open(0, download.size()))) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Map<String, String> decode(String query) {
    Map<String, String> parameters = new HashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        parameters.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }
}

package io.chatvideo.recording.local.capability;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.SizePolicy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a capability URL allows: one method on one object key until {@code expiresAt} (whole
 * seconds), with the content type, the length bound, the multipart part, and the download file
 * name it was signed for. Everything but the method and the key travels in the query string; the
 * signature covers all of it.
 */
public record Capability(Method method, ObjectKey key, Instant expiresAt, Optional<ContentType> contentType,
    Optional<Length> length, Optional<Part> part, Optional<Filename> filename) {

  /** Where the URLs point, relative to the server that serves them. */
  public static final String PATH_PREFIX = "/objects/";

  static final String EXPIRES = "expires";
  static final String TYPE = "type";
  static final String LENGTH = "length";
  static final String MAX_LENGTH = "max_length";
  static final String UPLOAD_ID = "upload_id";
  static final String PART_NUMBER = "part_number";
  static final String FILENAME = "filename";
  public static final String SIGNATURE = "signature";

  private static final String VERSION = "chatvideo-local-v1";
  private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}");
  private static final Pattern DECIMAL = Pattern.compile("[1-9]\\d{0,18}|0");

  public Capability {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(filename, "filename");
    expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
  }

  /** A URL signs one of these; HEAD is asked with a GET URL, as it tells nothing the GET would not. */
  public enum Method { GET, PUT }

  /** How many bytes a PUT may carry: exactly {@code bytes} (a declared size), or at most. */
  public record Length(long bytes, boolean exact) {

    public Length {
      if (bytes < 0) {
        throw new IllegalArgumentException("a length is not negative: " + bytes);
      }
    }

    String canonical() {
      return (exact ? "=" : "<=") + bytes;
    }
  }

  /** The part of a multipart upload a PUT stores. */
  public record Part(String uploadId, int number) {

    public Part {
      Objects.requireNonNull(uploadId, "uploadId");
      SizePolicy.checkPartNumber(number);
    }
  }

  public boolean isPart() {
    return part.isPresent();
  }

  /**
   * The signed text: one {@code name=value} line per field, exactly as version 1 of the URLs has
   * it. Values never contain a line break (query strings with control characters are refused
   * before this is built), so no two capabilities share it.
   */
  String canonical() {
    return VERSION + "\nmethod=" + method + "\nkey=" + key.value() + "\nexpires=" + expiresAt.getEpochSecond()
        + "\ntype=" + contentType.map(ContentType::value).orElse("")
        + "\nlength=" + length.map(Length::canonical).orElse("")
        + "\nupload_id=" + part.map(Part::uploadId).orElse("")
        + "\npart_number=" + part.map(p -> Integer.toString(p.number())).orElse("")
        + "\nfilename=" + filename.map(Filename::value).orElse("") + "\n";
  }

  /** {@code /objects/{key}?...} with this capability and its signature, relative: the HTTP adapter knows its own origin. */
  public String relativeUrl(String signature) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put(EXPIRES, Long.toString(expiresAt.getEpochSecond()));
    contentType.ifPresent(type -> query.put(TYPE, type.value()));
    length.ifPresent(l -> query.put(l.exact() ? LENGTH : MAX_LENGTH, Long.toString(l.bytes())));
    part.ifPresent(p -> {
      query.put(UPLOAD_ID, p.uploadId());
      query.put(PART_NUMBER, Integer.toString(p.number()));
    });
    filename.ifPresent(name -> query.put(FILENAME, name.value()));
    query.put(SIGNATURE, signature);
    StringBuilder url = new StringBuilder(PATH_PREFIX).append(key.value()).append('?');
    query.forEach((name, value) -> url.append(name).append('=')
        .append(encoded(value)).append('&'));
    url.setLength(url.length() - 1);
    return url.toString();
  }

  /**
   * {@link URLEncoder}'s form encoding, skipped for values it would leave as they are (the expiry,
   * lengths, the base64url signature, most file names): a listing signs a URL per item, and the
   * encoder's charset machinery was a tenth of each.
   */
  private static String encoded(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '*';
      if (!kept) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
      }
    }
    return value;
  }

  /**
   * The capability a request claims with its decoded query parameters; the method and key are the
   * request's own. Empty when a field is missing, malformed or not in the form this class writes
   * (so no two query strings claim one capability), or both length forms are given.
   */
  static Optional<Capability> fromQuery(Method method, ObjectKey key, Map<String, String> query) {
    String expires = query.get(EXPIRES);
    if (expires == null || !EPOCH_SECONDS.matcher(expires).matches() || !query.containsKey(SIGNATURE)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Capability(method, key, Instant.ofEpochSecond(Long.parseLong(expires)),
          optional(query, TYPE).map(Capability::contentType), length(query), part(query),
          optional(query, FILENAME).map(Filename::new)));
    } catch (IllegalArgumentException | ArithmeticException | InvalidInputException notAsWritten) {
      return Optional.empty();
    }
  }

  private static ContentType contentType(String text) {
    // Signed by this server: a download of a poster is signed with the poster's type.
    ContentType type = ContentType.parseStored(text);
    if (!type.value().equals(text)) {
      throw new IllegalArgumentException("not the normal form of the content type");
    }
    return type;
  }

  private static Optional<Length> length(Map<String, String> query) {
    Optional<String> exact = optional(query, LENGTH);
    Optional<String> max = optional(query, MAX_LENGTH);
    if (exact.isPresent() && max.isPresent()) {
      throw new IllegalArgumentException("two lengths");
    }
    return exact.map(n -> new Length(decimal(n), true)).or(() -> max.map(n -> new Length(decimal(n), false)));
  }

  private static Optional<Part> part(Map<String, String> query) {
    Optional<String> uploadId = optional(query, UPLOAD_ID);
    Optional<String> number = optional(query, PART_NUMBER);
    if (uploadId.isPresent() != number.isPresent()) {
      throw new IllegalArgumentException("a part needs both its upload id and its number");
    }
    return uploadId.map(id -> new Part(id, Math.toIntExact(decimal(number.get()))));
  }

  private static long decimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new IllegalArgumentException("not a decimal number: " + text);
    }
    return Long.parseLong(text);
  }

  private static Optional<String> optional(Map<String, String> query, String name) {
    return Optional.ofNullable(query.get(name)).filter(value -> !value.isEmpty());
  }
}

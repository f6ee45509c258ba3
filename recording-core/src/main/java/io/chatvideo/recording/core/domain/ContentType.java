package io.chatvideo.recording.core.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An allow-listed media type of a recording, with optional codecs, in one normal form: {@code
 * ContentType.parse("video/webm; codecs=\"vp8, opus\"").value()} is {@code
 * "video/webm;codecs=vp8,opus"}. The normal form is what upload URLs sign, so clients must send it
 * back exactly.
 */
public record ContentType(String mediaType, List<String> codecs) {

  /**
   * The file extension of each media type a recording may have, the one table of them: object
   * keys and file names here, the CLI's reading of a file's type, and the web client's file names
   * (generated from it, see adapter-http's README). In order of preference where two types share an
   * extension: a {@code .webm} file is {@code video/webm}.
   */
  private static final Map<String, String> EXTENSIONS = extensions(
      "video/webm", "webm",
      "video/mp4", "mp4",
      "audio/webm", "webm",
      "audio/mp4", "m4a");

  /** The media types a recording may have. */
  public static final Set<String> ALLOWED = Set.copyOf(EXTENSIONS.keySet());

  public static final ContentType DEFAULT = new ContentType("video/webm", List.of());

  /** The type of the MP4 rendition processing makes. */
  public static final ContentType MP4 = new ContentType("video/mp4", List.of());

  /**
   * The type of the poster processing makes: never a recording's type (parsing refuses it, and it
   * has no {@link #extension()}), only what a thumbnail is stored and served as.
   */
  public static final ContentType JPEG = new ContentType("image/jpeg", List.of());

  /** The type of the storyboard's WebVTT track processing makes: like {@link #JPEG}, never a recording's. */
  public static final ContentType VTT = new ContentType("text/vtt", List.of());

  private static final int MAX_CODEC_LENGTH = 32;
  private static final int MAX_CODECS = 8;
  private static final int MAX_LENGTH = 255;
  private static final String FIELD = "content_type";

  public ContentType {
    if (!ALLOWED.contains(mediaType) && !"image/jpeg".equals(mediaType) && !"text/vtt".equals(mediaType)) {
      throw new InvalidInputException(FIELD, "must be one of " + String.join(", ", ALLOWED.stream().sorted().toList()));
    }
    codecs = List.copyOf(codecs);
    if (codecs.size() > MAX_CODECS) {
      throw new InvalidInputException(FIELD, "names more than " + MAX_CODECS + " codecs");
    }
    for (String codec : codecs) {
      if (!isCodec(codec)) {
        throw new InvalidInputException(FIELD, "has an invalid codec '" + printable(codec) + "'");
      }
    }
  }

  /** Parses a {@code Content-Type}-style string; only the {@code codecs} parameter is accepted. */
  public static ContentType parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(FIELD, "is required");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidInputException(FIELD, "is longer than " + MAX_LENGTH + " characters");
    }
    String[] parts = text.split(";", -1);
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!ALLOWED.contains(mediaType)) {
      throw new InvalidInputException(FIELD, "'" + printable(parts[0].trim()) + "' is not allowed; use one of "
          + String.join(", ", ALLOWED.stream().sorted().toList()));
    }
    List<String> codecs = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      int eq = parameter.indexOf('=');
      if (eq < 0 || !parameter.substring(0, eq).trim().equalsIgnoreCase("codecs") || !codecs.isEmpty()) {
        throw new InvalidInputException(FIELD, "accepts only one parameter, codecs=...");
      }
      String value = parameter.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      for (String codec : value.split(",", -1)) {
        codecs.add(codec.trim());
      }
    }
    return new ContentType(mediaType, codecs);
  }

  /**
   * The type of something the server stored and signed itself: a recording's type as {@link
   * #parse} reads it, or the poster's {@link #JPEG} or storyboard's {@link #VTT}, which no client may
   * give as a recording's.
   */
  public static ContentType parseStored(String text) {
    return JPEG.value().equals(text) ? JPEG : VTT.value().equals(text) ? VTT : parse(text);
  }

  /** The normal form, e.g. {@code video/webm;codecs=vp8,opus}. */
  public String value() {
    return codecs.isEmpty() ? mediaType : mediaType + ";codecs=" + String.join(",", codecs);
  }

  /** The file extension for object keys and file names: {@code webm}, {@code mp4} or {@code m4a}. */
  public String extension() {
    return EXTENSIONS.get(mediaType);
  }

  /** Every allowed media type with its file extension, in order of preference. */
  public static Map<String, String> fileExtensions() {
    return EXTENSIONS;
  }

  /** The media type of a file with this extension (case-insensitive), e.g. {@code m4a} is {@code audio/mp4}. */
  public static Optional<ContentType> forExtension(String extension) {
    String wanted = extension.toLowerCase(Locale.ROOT);
    return EXTENSIONS.entrySet().stream()
        .filter(entry -> entry.getValue().equals(wanted))
        .findFirst()
        .map(entry -> new ContentType(entry.getKey(), List.of()));
  }

  @Override
  public String toString() {
    return value();
  }

  private static Map<String, String> extensions(String... typesAndExtensions) {
    Map<String, String> table = new LinkedHashMap<>();
    for (int i = 0; i < typesAndExtensions.length; i += 2) {
      table.put(typesAndExtensions[i], typesAndExtensions[i + 1]);
    }
    return Collections.unmodifiableMap(table);
  }

  /** {@code [A-Za-z0-9.+-]{1,32}} as a loop: the type of every stored row is parsed again when a page is listed. */
  private static boolean isCodec(String codec) {
    if (codec.isEmpty() || codec.length() > MAX_CODEC_LENGTH) {
      return false;
    }
    for (int i = 0; i < codec.length(); i++) {
      char c = codec.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '+'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static String printable(String text) {
    String cut = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    return cut.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}

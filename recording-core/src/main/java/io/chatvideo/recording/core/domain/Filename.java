package io.chatvideo.recording.core.domain;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * A download file name that is safe in a {@code Content-Disposition} header and on any disk: no
 * path, no control characters, no quotes or backslashes, at most 200 characters. {@code
 * Filename.sanitize("../../etc/pass\"wd.webm", …)} is {@code passwd.webm}; what sanitizes to
 * nothing falls back to the given default.
 */
public record Filename(String value) {

  public static final int MAX_LENGTH = 200;

  private static final Pattern SPACES = Pattern.compile(" {2,}");

  public Filename {
    if (value == null || value.isEmpty() || !(isPlainAscii(value) || value.equals(clean(value)))) {
      throw new IllegalArgumentException("not a sanitized file name: use Filename.sanitize");
    }
  }

  /** Sanitizes caller input; {@code fallback} is used when nothing usable remains. */
  public static Filename sanitize(String raw, String fallback) {
    String cleaned = raw == null ? "" : clean(raw);
    return new Filename(cleaned.isEmpty() ? clean(fallback) : cleaned);
  }

  /** A header value with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
  public String contentDisposition() {
    String ascii = value.codePoints()
        .map(c -> c < 0x80 ? c : '_')
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  @Override
  public String toString() {
    return value;
  }

  /**
   * Whether {@code value} is printable ASCII that {@link #clean} would leave as it is: no quote,
   * backslash or slash, no leading dot or space, no trailing space, no two spaces in a row, at most
   * {@link #MAX_LENGTH} long. Most names are, and every stored row is rebuilt through the
   * constructor when a page is listed; this answers them without normalising (ValueTypeProperties
   * holds it to the same answer as {@code clean}).
   */
  private static boolean isPlainAscii(String value) {
    int length = value.length();
    if (length > MAX_LENGTH || value.charAt(0) == '.' || value.charAt(0) == ' ' || value.charAt(length - 1) == ' ') {
      return false;
    }
    char previous = 0;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < ' ' || c > '~' || c == '"' || c == '\'' || c == '\\' || c == '/' || (c == ' ' && previous == ' ')) {
        return false;
      }
      previous = c;
    }
    return true;
  }

  /**
   * Removing a character can bring a letter and a combining mark together (a soft hyphen between
   * them, say) that NFC then composes into one, so a single pass is not always stable; this repeats
   * it until it is, so that a sanitized name always passes the constructor's check.
   */
  private static String clean(String raw) {
    String cleaned = cleanOnce(raw);
    for (String again = cleanOnce(cleaned); !again.equals(cleaned); again = cleanOnce(cleaned)) {
      cleaned = again;
    }
    return cleaned;
  }

  private static String cleanOnce(String raw) {
    String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    StringBuilder out = new StringBuilder();
    name.codePoints()
        .filter(c -> !Character.isISOControl(c) && c != '"' && c != '\'' && c != '\\' && c != '/'
            && Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.SURROGATE
            && Character.getType(c) != Character.PRIVATE_USE && Character.getType(c) != Character.UNASSIGNED)
        .map(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c)
        .forEach(out::appendCodePoint);
    String result = SPACES.matcher(out.toString().strip()).replaceAll(" ");
    while (result.startsWith(".")) {
      result = result.substring(1).strip();
    }
    if (result.codePointCount(0, result.length()) > MAX_LENGTH) {
      result = result.substring(0, result.offsetByCodePoints(0, MAX_LENGTH)).strip();
    }
    return result;
  }
}

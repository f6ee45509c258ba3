package io.chatvideo.recording.core.domain;

/**
 * The one HTML escaping of the system, for the pages the server writes and the emails the core
 * writes: every value taken from a recording (a filename is the uploader's text) goes through
 * {@link #escape} before it meets markup. {@code Html.escape("<b>")} is {@code "&lt;b&gt;"}.
 */
public final class Html {

  private Html() {}

  /** Text and attribute values alike: the five characters HTML gives meaning to. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

package io.chatvideo.recording.http.objects;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of an object a GET answers with, from its {@code Range} header (RFC 9110 §14): one
 * range {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}. Headers this does not serve (other
 * units, several ranges, bad syntax) are ignored, as the RFC allows, and the whole object is sent.
 */
record ByteRange(Kind kind, long start, long length) {

  enum Kind { WHOLE, PARTIAL, UNSATISFIABLE }

  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  static ByteRange parse(String header, long size) {
    ByteRange whole = new ByteRange(Kind.WHOLE, 0, size);
    if (header == null) {
      return whole;
    }
    Matcher m = SINGLE.matcher(header.strip().toLowerCase(Locale.ROOT).replace(" ", ""));
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return whole;
    }
    ByteRange unsatisfiable = new ByteRange(Kind.UNSATISFIABLE, 0, 0);
    if (m.group(1).isEmpty()) {
      long suffix = number(m.group(2));
      if (suffix == 0 || size == 0) {
        return unsatisfiable;
      }
      long start = Math.max(0, size - suffix);
      return new ByteRange(Kind.PARTIAL, start, size - start);
    }
    long first = number(m.group(1));
    long last = m.group(2).isEmpty() ? Long.MAX_VALUE : number(m.group(2));
    if (last < first) {
      return whole;
    }
    if (first >= size) {
      return unsatisfiable;
    }
    long end = Math.min(last, size - 1);
    return new ByteRange(Kind.PARTIAL, first, end - first + 1);
  }

  /** The {@code Content-Range} value for this range of an object of {@code size} bytes. */
  String contentRange(long size) {
    return kind == Kind.UNSATISFIABLE ? "bytes */" + size : "bytes " + start + "-" + (start + length - 1) + "/" + size;
  }

  /** Digits beyond what a long holds mean "more than any object": the range clamps or misses. */
  private static long number(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException tooLarge) {
      return Long.MAX_VALUE;
    }
  }
}

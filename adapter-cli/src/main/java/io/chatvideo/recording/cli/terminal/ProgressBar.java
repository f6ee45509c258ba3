package io.chatvideo.recording.cli.terminal;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line transfer progress bar on stderr: bar, percent, bytes, rate and ETA, redrawn at most
 * five times a second. Silent when nobody watches (stderr not a terminal), so logs and pipes get
 * no control characters. Written here rather than taken from a library: it is forty lines, and a
 * terminal library would cost start-up time on every command. Synchronized because an upload
 * reports from the HTTP client's threads.
 */
public final class ProgressBar implements AutoCloseable {

  private static final int WIDTH = 24;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final long start;
  private final LongSupplier nanoTime;
  private final boolean enabled;
  private final long startedAt;
  private long done;
  private long drawnAt;
  private boolean drawn;
  private int drawnLength;

  ProgressBar(PrintWriter err, String label, long total, long alreadyDone, LongSupplier nanoTime, boolean enabled) {
    this.err = err;
    this.label = label.length() > 28 ? label.substring(0, 27) + "…" : label;
    this.total = total;
    this.start = alreadyDone;
    this.done = alreadyDone;
    this.nanoTime = nanoTime;
    this.enabled = enabled;
    this.startedAt = nanoTime.getAsLong();
  }

  /** A bar on {@code err} that draws only when {@code watched} (stderr is a terminal). */
  public static ProgressBar forTerminal(PrintWriter err, boolean watched, String label, long total, long done) {
    return new ProgressBar(err, label, total, done, System::nanoTime, watched);
  }

  public synchronized void advance(long bytes) {
    done += bytes;
    long now = nanoTime.getAsLong();
    if (enabled && (!drawn || now - drawnAt >= REDRAW_NANOS)) {
      drawn = true;
      drawnAt = now;
      draw(now);
    }
  }

  @Override
  public synchronized void close() {
    if (enabled) {
      draw(nanoTime.getAsLong());
      err.println();
      err.flush();
    }
  }

  synchronized String line(long now) {
    double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = Math.max((now - startedAt) / 1e9, 1e-3);
    double rate = (done - start) / seconds;
    String eta = rate <= 0 || done >= total ? "--:--" : clock((long) ((total - done) / rate));
    return String.format(Locale.ROOT, "%-28s [%s%s] %3d%% %s/%s %s/s ETA %s", label, "#".repeat(filled),
        ".".repeat(WIDTH - filled), (int) (fraction * 100), ByteSize.format(done), ByteSize.format(total),
        ByteSize.format((long) rate), eta);
  }

  private void draw(long now) {
    String line = line(now);
    // Spaces over what is left of a longer previous line: plain text, no terminal escape codes.
    err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
    drawnLength = line.length();
    err.flush();
  }

  private static String clock(long seconds) {
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}

package io.chatvideo.recording.http.watch;

import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import io.chatvideo.recording.core.domain.SpeakersState;
import io.chatvideo.recording.core.domain.SpeechSegment;
import io.chatvideo.recording.core.port.in.SpeakersUseCase.Speakers;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The watch page's speaker timeline: one row per party, each stretch of speech a link that jumps
 * the video there. Drawn as SVG (geometry in attributes, so the page's CSP needs no inline style)
 * with one fixed script, allowed by its hash, that seeks the page's video on a click; without the
 * script the links do nothing. Nothing is shown while the timeline is pending, a line says why
 * when it is unavailable.
 */
final class SpeakerTimelineHtml {

  /** Seeks the page's one video to a segment's {@code data-start} (seconds) and plays it. */
  static final String SCRIPT = "document.addEventListener('click',function(e){var a=e.target.closest"
      + "&&e.target.closest('[data-start]');if(!a)return;e.preventDefault();var v=document.querySelector('video');"
      + "if(v){v.currentTime=parseFloat(a.getAttribute('data-start'));v.play();}});";
  static final String SCRIPT_HASH = "'sha256-" + WatchPage.sha256Base64(SCRIPT) + "'";

  private static final int WIDTH = 1000;
  private static final int ROW = 24;

  private SpeakerTimelineHtml() {}

  /** The section for {@code speakers} of a recording that plays for {@code duration}; empty when there is nothing to show. */
  static Optional<String> of(Speakers speakers, Optional<Duration> duration) {
    Optional<SpeakerTimeline> found = speakers.timeline();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SpeakerTimeline timeline = found.get();
    if (timeline.state() == SpeakersState.UNAVAILABLE) {
      return Optional.of("<p class=\"note\" id=\"speakers\">Who spoke when is not known for this recording: "
          + (timeline.reason().orElse("").equals(SpeakerTimeline.MIXED_AUDIO)
              ? "both parties were recorded as one sound." : "its audio does not hold the parties apart.")
          + "</p>\n");
    }
    if (timeline.state() != SpeakersState.READY) {
      return Optional.empty();
    }
    long total = Math.max(1, duration.map(Duration::toMillis).orElse(0L));
    for (SpeechSegment segment : timeline.segments()) {
      total = Math.max(total, segment.endMs());
    }
    StringBuilder html = new StringBuilder("<section id=\"speakers\" aria-label=\"Who spoke when\">\n<p>");
    html.append("Local party spoke ").append(WatchPage.length(Duration.ofMillis(timeline.talkMs(Party.LOCAL))))
        .append(", remote party ").append(WatchPage.length(Duration.ofMillis(timeline.talkMs(Party.REMOTE))))
        .append(".</p>\n");
    html.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(2 * ROW + 4)
        .append("\" width=\"100%\" role=\"img\" aria-label=\"Speaker timeline\">\n");
    for (Party party : Party.values()) {
      int y = party == Party.LOCAL ? 0 : ROW + 4;
      html.append("<rect x=\"0\" y=\"").append(y).append("\" width=\"").append(WIDTH).append("\" height=\"")
          .append(ROW).append("\" fill=\"#222\"/>\n");
    }
    for (SpeechSegment segment : timeline.segments()) {
      int y = segment.party() == Party.LOCAL ? 0 : ROW + 4;
      String fill = segment.party() == Party.LOCAL ? "#60a5fa" : "#f59e0b";
      double x = WIDTH * (double) segment.startMs() / total;
      double width = Math.max(2, WIDTH * (double) segment.lengthMs() / total);
      String start = String.format(Locale.ROOT, "%.3f", segment.startMs() / 1000.0);
      html.append("<a href=\"#t=").append(start).append("\" data-start=\"").append(start).append("\" data-party=\"")
          .append(segment.party().wireName()).append("\"><title>").append(segment.party().wireName())
          .append(" party from ").append(WatchPage.length(Duration.ofMillis(segment.startMs()))).append("</title>")
          .append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
              x, y, width, ROW, fill))
          .append("</a>\n");
    }
    html.append("</svg>\n<script>").append(SCRIPT).append("</script>\n</section>\n");
    return Optional.of(html.toString());
  }

}

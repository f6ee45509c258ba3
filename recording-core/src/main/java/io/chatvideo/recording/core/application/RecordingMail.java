package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.Html;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.port.out.MailMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The email for a recording that is ready or failed processing: the same facts in a text and an
 * HTML part, with a link to the recording's card on the web client's library page. Everything
 * taken from the recording is HTML-escaped in the HTML part (a filename is the uploader's text).
 */
final class RecordingMail {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private RecordingMail() {}

  /** {@code publicUrl} + {@code /library#recording-<id>}: the library page focuses the card with that fragment. */
  static String link(HttpUrl publicUrl, CompletedRecording recording) {
    String base = publicUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/library#recording-" + recording.id();
  }

  static MailMessage of(EventType type, CompletedRecording recording, EmailAddress to, HttpUrl publicUrl) {
    RecordingDetails details = recording.details();
    boolean ready = type == EventType.RECORDING_READY;
    String filename = details.filename().value();
    String subject = ready ? "Your recording is ready: " + filename : "Your recording could not be processed: " + filename;
    String lead = ready
        ? "Your recording of room " + details.roomId().value() + " is ready to watch."
        : "Your recording of room " + details.roomId().value() + " could not be processed"
            + recording.processing().failure().map(reason -> " (" + reason + ")").orElse("")
            + ". The original recording is still there, as it was uploaded: you can still watch and download it "
            + "until it expires.";
    String action = ready ? "Watch it" : "Open it";
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Room", details.roomId().value());
    facts.put("File", filename);
    facts.put("Duration", recording.duration().map(RecordingMail::duration).orElse("unknown"));
    facts.put("Recorded at", time(details.createdAt()));
    facts.put("Expires at", time(details.expiresAt()));
    String link = link(publicUrl, recording);
    return new MailMessage(to, subject, text(lead, facts, action, link), html(lead, facts, action, link));
  }

  private static String text(String lead, Map<String, String> facts, String action, String link) {
    StringBuilder text = new StringBuilder(lead).append("\n\n");
    facts.forEach((name, value) -> text.append(String.format(Locale.ROOT, "%-12s %s%n", name + ":", value)));
    return text.append('\n').append(action).append(": ").append(link).append('\n').toString();
  }

  private static String html(String lead, Map<String, String> facts, String action, String link) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body>\n<p>").append(Html.escape(lead)).append("</p>\n<table>\n");
    facts.forEach((name, value) -> html.append("<tr><th align=\"left\">").append(Html.escape(name)).append("</th><td>")
        .append(Html.escape(value)).append("</td></tr>\n"));
    return html.append("</table>\n<p><a href=\"").append(Html.escape(link)).append("\">").append(Html.escape(action))
        .append("</a></p>\n</body></html>\n").toString();
  }

  private static String time(Instant instant) {
    return TIME.format(instant);
  }

  /** {@code 1:02:03} or {@code 2:03}, rounded down to the second. */
  private static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", minutes, seconds % 60);
  }
}

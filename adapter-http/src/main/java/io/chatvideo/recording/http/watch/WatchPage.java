package io.chatvideo.recording.http.watch;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.Html;
import io.chatvideo.recording.core.domain.RecordingDetails;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTML of the watch page and its error pages. Written as text rather than through a template
 * engine: there are four small pages, and every value in them goes through {@link #escape}. The
 * one style sheet is inline and allowed by its hash in the page's CSP, as is the one script of the
 * speaker timeline ({@link SpeakerTimelineHtml}), so no other script or style can run.
 */
final class WatchPage {

  static final String STYLE = "body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#111;color:#eee}"
      + "main{max-width:960px;margin:0 auto;padding:1rem}video{width:100%;background:#000}"
      + "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{color:#aaa}"
      + "a.button,button{display:inline-block;background:#2563eb;color:#fff;border:0;border-radius:4px;"
      + "padding:.5rem 1rem;text-decoration:none;font:inherit;cursor:pointer}"
      + "input{font:inherit;padding:.4rem;margin:.5rem 0;display:block}.alert{color:#fca5a5}.note{color:#aaa}"
      + ScrubPreviewHtml.STYLE;
  static final String STYLE_HASH = "'sha256-" + sha256Base64(STYLE) + "'";
  /**
   * The player's one script, allowed by its hash: {@code #t=1:23} (or {@code #t=83}, {@code
   * #t=1:02:03}) starts playback there, and "Copy link at this moment" copies the page's address
   * with the current time (the clipboard, else a selected field to copy by hand), and a network
   * error (an S3 URL that expired while paused) reloads the stable media address once and goes on
   * where it was. Without it the page is a plain {@code <video>}.
   */
  static final String SCRIPT = "(()=>{const v=document.querySelector('video');if(!v)return;"
      + "const at=h=>{const m=/^#t=(?:(\\d+):)?(?:(\\d+):)?(\\d+(?:\\.\\d+)?)$/.exec(h);if(!m)return null;"
      + "const p=[m[1],m[2],m[3]].filter(x=>x!==undefined).map(Number);return p.reduce((a,x)=>a*60+x,0)};"
      + "const seek=()=>{const t=at(location.hash);if(t===null)return;"
      + "const go=()=>{v.currentTime=Number.isFinite(v.duration)?Math.min(t,v.duration):t};"
      + "v.readyState>=1?go():v.addEventListener('loadedmetadata',go,{once:true})};"
      + "seek();addEventListener('hashchange',seek);"
      + "let r=false;v.addEventListener('playing',()=>{r=false});"
      + "v.addEventListener('error',()=>{if(r||!v.error||v.error.code!==2)return;r=true;"
      + "const t=v.currentTime,p=!v.paused;v.load();v.addEventListener('loadedmetadata',()=>{v.currentTime=t;"
      + "if(p)v.play().catch(()=>{})},{once:true})});"
      + "const f=n=>{n=Math.floor(n);const s=String(n%60).padStart(2,'0'),m=Math.floor(n/60);"
      + "return m>=60?Math.floor(m/60)+':'+String(m%60).padStart(2,'0')+':'+s:m+':'+s};"
      + "const b=document.getElementById('copy-moment'),o=document.getElementById('moment-link'),"
      + "st=document.getElementById('moment-status');b.hidden=false;"
      + "b.addEventListener('click',()=>{const u=location.origin+location.pathname+'#t='+f(v.currentTime);o.value=u;"
      + "const hand=()=>{o.hidden=false;o.focus();o.select();st.textContent='Copy the link by hand.'};"
      + "navigator.clipboard?navigator.clipboard.writeText(u).then(()=>{o.hidden=false;st.textContent='Link copied: '+u},hand):hand()})})();";
  static final String SCRIPT_HASH = "'sha256-" + sha256Base64(SCRIPT) + "'";
  /**
   * The passcode form's one script, allowed by its hash: a link's moment ({@code #t=1:23}) never
   * reaches the server, so it is put on the form's action, where the browser keeps it for the page
   * the form brings (the player, which starts there, or the form again after a wrong passcode).
   */
  static final String PASSCODE_SCRIPT = "(()=>{const f=document.querySelector('form');"
      + "if(f&&/^#t=[0-9:.]+$/.test(location.hash))f.action=f.getAttribute('action')+location.hash})();";
  static final String PASSCODE_SCRIPT_HASH = "'sha256-" + sha256Base64(PASSCODE_SCRIPT) + "'";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);

  private WatchPage() {}

  /**
   * The player: video (with poster, its captions track when there is a transcript, and the seek
   * bar with scrubbing previews when there is a storyboard track), facts, and the download button
   * when allowed; when not, a plain word that this keeps no one from saving what they can watch.
   */
  static String player(CompletedRecording recording, String media, String mediaType, Optional<String> poster,
      Optional<String> storyboardTrack, Optional<String> download, Instant linkExpiresAt,
      Optional<String> speakersHtml, Optional<String> captions) {
    RecordingDetails details = recording.details();
    StringBuilder body = new StringBuilder();
    body.append("<h1>Recording of ").append(escape(details.roomId().value())).append("</h1>\n");
    body.append("<video controls preload=\"metadata\" playsinline");
    poster.ifPresent(url -> body.append(" poster=\"").append(escape(url)).append('"'));
    body.append("><source src=\"").append(escape(media)).append("\" type=\"").append(escape(mediaType))
        .append("\">");
    storyboardTrack.ifPresent(url -> body.append(ScrubPreviewHtml.track(url)));
    // Off until the viewer turns them on: machine captions can be wrong, and the picture should not
    // carry words nobody said unless asked for.
    captions.ifPresent(url -> body.append("<track kind=\"captions\" src=\"").append(escape(url))
        .append("\" srclang=\"en\" label=\"English (automatic)\">"));
    body.append("Your browser cannot play this video.</video>\n");
    storyboardTrack.ifPresent(url -> body.append(ScrubPreviewHtml.bar()).append("<script>")
        .append(ScrubPreviewHtml.SCRIPT).append("</script>\n"));
    speakersHtml.ifPresent(body::append);
    body.append("<dl>\n");
    fact(body, "Room", escape(details.roomId().value()));
    recording.duration().ifPresent(duration -> fact(body, "Duration", length(duration)));
    fact(body, "Recorded", time(details.createdAt()));
    fact(body, "Link expires", time(linkExpiresAt));
    body.append("</dl>\n");
    body.append("<p><button type=\"button\" id=\"copy-moment\" hidden>Copy link at this moment</button> "
        + "<input id=\"moment-link\" type=\"url\" readonly hidden aria-label=\"Link at this moment\"> "
        + "<span id=\"moment-status\" role=\"status\" class=\"note\"></span></p>\n");
    body.append("<script>").append(SCRIPT).append("</script>\n");
    download.ifPresent(url -> body.append("<p><a class=\"button\" href=\"").append(escape(url))
        .append("\" download>Download</a></p>\n"));
    if (download.isEmpty()) {
      body.append("<p class=\"note\">Downloading is turned off for this link. That only hides the button: anyone "
          + "who can watch a video can also save or record it.</p>\n");
    }
    return page("Shared recording", body.toString());
  }

  /** The passcode form, posting back to the same link; {@code wrong} says the last try failed. */
  static String passcodeForm(String token, boolean wrong) {
    String body = "<h1>This recording is protected</h1>\n"
        + (wrong ? "<p class=\"alert\" role=\"alert\">That passcode is wrong.</p>\n" : "")
        + "<form method=\"post\" action=\"/s/" + escape(token) + "\">\n"
        + "<label for=\"passcode\">Passcode</label>\n"
        + "<input id=\"passcode\" name=\"passcode\" type=\"password\" required autocomplete=\"off\" maxlength=\"64\""
        + " autofocus>\n<button type=\"submit\">Watch</button>\n</form>\n<script>" + PASSCODE_SCRIPT + "</script>\n";
    return page("Passcode needed", body);
  }

  /** A plain page saying what went wrong, without naming the recording. */
  static String message(String title, String text) {
    return page(title, "<h1>" + escape(title) + "</h1>\n<p>" + escape(text) + "</p>\n");
  }

  private static String page(String title, String body) {
    return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta name=\"robots\" content=\"noindex\">\n<title>" + escape(title) + "</title>\n"
        + "<style>" + STYLE + "</style>\n</head>\n<body>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
  }

  private static void fact(StringBuilder body, String name, String valueHtml) {
    body.append("<dt>").append(name).append("</dt><dd>").append(valueHtml).append("</dd>\n");
  }

  private static String time(Instant instant) {
    return "<time datetime=\"" + instant + "\">" + DATE.format(instant) + "</time>";
  }

  static String length(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  /** {@link Html#escape}, under the short name every line of the pages uses. */
  static String escape(String text) {
    return Html.escape(text);
  }

  static String sha256Base64(String text) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

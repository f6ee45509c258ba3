package io.chatvideo.recording.http.api;

import io.chatvideo.recording.api.TranscriptJson;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.domain.TranscriptCue;
import io.chatvideo.recording.core.port.in.TranscriptsUseCase.TranscriptView;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A transcript as a document: WebVTT captions with each cue's speaker as a voice tag ({@code <v
 * alice>}), JSON segments, or plain text ({@code alice: …} lines). The one place that renders
 * them, for the API and for the watch page's captions track.
 */
public final class TranscriptDocuments {

  /** The formats a transcript is given in. */
  public enum Format {
    VTT("text/vtt;charset=utf-8"),
    JSON("application/json"),
    TXT("text/plain;charset=utf-8");

    private final String contentType;

    Format(String contentType) {
      this.contentType = contentType;
    }

    public String contentType() {
      return contentType;
    }

    /** {@code vtt}, {@code json} or {@code txt}; an {@link InvalidInputException} naming {@code format} otherwise. */
    public static Format parse(String text) {
      return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(text.strip())).findFirst()
          .orElseThrow(() -> new InvalidInputException("format", "'" + text + "' is not one of vtt, json, txt"));
    }
  }

  private TranscriptDocuments() {}

  /** The ready transcript of {@code view}; a {@link ConflictException} saying where it stands otherwise. */
  public static Transcript ready(TranscriptView view) {
    Optional<Transcript> transcript = view.transcript();
    if (transcript.isPresent()) {
      return transcript.get();
    }
    String reason = view.status().reason().map(r -> " (" + r + ")").orElse("");
    throw new ConflictException(switch (view.status().state()) {
      case QUEUED -> "the transcript of recording " + view.recordingId() + " is not made yet (queued): it is made "
          + "after processing; try again in a while";
      case RUNNING -> "the transcript of recording " + view.recordingId() + " is being made (running); try again in a"
          + " while";
      case FAILED -> "the transcript of recording " + view.recordingId() + " failed" + reason
          + "; the recording itself is not affected";
      case SKIPPED -> "recording " + view.recordingId() + " has no transcript: skipped" + reason
          + (reason.contains("mixed_audio") || reason.contains("one_channel")
              ? ", its parties' voices are mixed in one channel" : "");
      case OFF -> "recording " + view.recordingId() + " has no transcript: transcripts are off on this server";
      case READY -> throw new IllegalStateException("a ready transcript is read with its cues");
    });
  }

  public static String vtt(TranscriptView view, Transcript transcript) {
    StringBuilder vtt = new StringBuilder("WEBVTT\n");
    int n = 1;
    for (TranscriptCue cue : transcript.cues()) {
      vtt.append('\n').append(n++).append('\n').append(time(cue.startMs())).append(" --> ")
          .append(time(Math.max(cue.endMs(), cue.startMs() + 1))).append('\n')
          .append("<v ").append(voice(view.speaker(cue.party()))).append('>').append(escape(cue.text()))
          .append("</v>\n");
    }
    return vtt.toString();
  }

  public static TranscriptJson json(TranscriptView view, Transcript transcript) {
    return new TranscriptJson(view.recordingId().toString(), transcript.engine(), transcript.cues().stream()
        .map(cue -> new TranscriptJson.SegmentJson(cue.party().wireName(), view.speaker(cue.party()), cue.startMs(),
            cue.endMs(), cue.text()))
        .toList());
  }

  public static String txt(TranscriptView view, Transcript transcript) {
    StringBuilder txt = new StringBuilder();
    for (TranscriptCue cue : transcript.cues()) {
      txt.append(view.speaker(cue.party())).append(": ").append(cue.text()).append('\n');
    }
    return txt.toString();
  }

  /** {@code hh:mm:ss.ttt}, as WebVTT wants it. */
  static String time(long ms) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
        ms % 1000);
  }

  /** Cue text: WebVTT reads {@code <} as a tag and {@code &} as an entity. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A voice tag's annotation ends at {@code >}; it may not hold a line break either. */
  private static String voice(String name) {
    return escape(name).replaceAll("\\s+", " ");
  }
}

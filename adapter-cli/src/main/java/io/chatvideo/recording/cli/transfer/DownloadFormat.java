package io.chatvideo.recording.cli.transfer;

import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.api.RenditionJson;
import io.chatvideo.recording.cli.terminal.CliException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which file of a recording {@code download --format} fetches: the recording as stored (after
 * processing, its seekable copy), the MP4 rendition, or the JPEG poster. The last two exist once
 * processing made them; asking for them earlier names the recording's processing state.
 */
public enum DownloadFormat {
  ORIGINAL,
  MP4,
  THUMBNAIL;

  /** The file of {@code recording} in this format; a {@code CliException} saying why there is none. */
  public RemoteFile file(RecordingJson recording) {
    String id = recording.recordingId();
    if (recording.downloadUrl() == null) {
      throw new CliException("recording " + id + " is " + recording.status() + ": it has no file to download yet");
    }
    return switch (this) {
      case ORIGINAL -> new RemoteFile(id, this, Optional.ofNullable(recording.filename())
          .orElse("recording-" + id + ".webm"), recording.downloadUrl(),
          recording.size() == null ? OptionalLong.empty() : OptionalLong.of(recording.size()));
      case MP4 -> Optional.ofNullable(recording.renditions()).orElse(List.of()).stream()
          .filter(rendition -> "mp4".equals(rendition.format())).findFirst()
          .map(rendition -> mp4(recording, rendition))
          .orElseThrow(() -> missing(recording, "MP4"));
      case THUMBNAIL -> Optional.ofNullable(recording.thumbnailUrl())
          .map(url -> new RemoteFile(id, this, stem(recording) + ".jpg", url, OptionalLong.empty()))
          .orElseThrow(() -> missing(recording, "thumbnail"));
    };
  }

  private RemoteFile mp4(RecordingJson recording, RenditionJson rendition) {
    return new RemoteFile(recording.recordingId(), this, stem(recording) + ".mp4", rendition.downloadUrl(),
        OptionalLong.of(rendition.size()));
  }

  private static String stem(RecordingJson recording) {
    String name = Optional.ofNullable(recording.filename()).orElse("recording-" + recording.recordingId());
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static CliException missing(RecordingJson recording, String what) {
    String state = recording.processing() == null ? "unknown" : recording.processing();
    String why = switch (state) {
      case "queued", "running" -> "; try again once it is ready";
      case "failed" -> recording.processingError() == null ? "" : ": " + recording.processingError();
      case "off" -> "; the server does not process recordings";
      case "ready" -> "; the server made none for it";
      default -> "";
    };
    return new CliException("recording " + recording.recordingId() + " has no " + what + " to download: its "
        + "processing is " + state + why);
  }
}

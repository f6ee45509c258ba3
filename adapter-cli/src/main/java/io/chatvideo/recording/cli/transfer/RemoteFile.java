package io.chatvideo.recording.cli.transfer;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One file of a recording to download: the recording itself, its MP4 or its poster.
 *
 * @param filename the name the server suggests (sanitized again before use)
 * @param size the file's byte count when the API states it (a poster's it does not)
 */
public record RemoteFile(String recordingId, DownloadFormat format, String filename, String url, OptionalLong size) {

  public RemoteFile {
    Objects.requireNonNull(recordingId, "recordingId");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(size, "size");
  }
}

package io.chatvideo.recording.cli.transfer;

import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.core.domain.ContentType;
import java.nio.file.Path;

/** The content type of a recording file, from its extension, by the core's one table of them. */
final class MediaTypes {

  private MediaTypes() {}

  static String forFile(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1);
    return ContentType.forExtension(extension).map(ContentType::value).orElseThrow(() -> new CliException(
        "cannot upload " + name + ": recordings are .webm (video/webm), .mp4 (video/mp4) or .m4a (audio/mp4) files"));
  }
}

package io.chatvideo.recording.cli.transfer;

import io.chatvideo.recording.cli.terminal.CliException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The content type of a recording file, from its extension: the API accepts these only. */
final class MediaTypes {

  private static final Map<String, String> BY_EXTENSION = Map.of(
      "webm", "video/webm",
      "mp4", "video/mp4",
      "m4a", "audio/mp4");

  private MediaTypes() {}

  static String forFile(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String type = BY_EXTENSION.get(extension);
    if (type == null) {
      throw new CliException("cannot upload " + name + ": recordings are .webm (video/webm), .mp4 (video/mp4) "
          + "or .m4a (audio/mp4) files");
    }
    return type;
  }
}

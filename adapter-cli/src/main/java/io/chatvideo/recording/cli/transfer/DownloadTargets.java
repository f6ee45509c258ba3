package io.chatvideo.recording.cli.transfer;

import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.core.domain.Filename;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where each downloaded recording goes: under its own name in a directory (the current one by
 * default), or, for a single recording, a file the user named. Names from the server are
 * sanitized again here, since they came over the network, and kept unique within one run.
 */
public final class DownloadTargets {

  private final Optional<Path> directory;
  private final Path file;
  private final Set<String> used = new HashSet<>();

  private DownloadTargets(Optional<Path> directory, Path file) {
    this.directory = directory;
    this.file = file;
  }

  /**
   * {@code output} as the user gave it with -o; a directory if it is one, ends in a separator,
   * or more than one recording is fetched.
   */
  public static DownloadTargets of(Optional<String> output, boolean single) {
    Path path = output.map(Path::of).orElse(Path.of(""));
    boolean intoDirectory = output.isEmpty() || !single || Files.isDirectory(path)
        || output.get().endsWith("/") || output.get().endsWith(path.getFileSystem().getSeparator());
    if (!intoDirectory) {
      return new DownloadTargets(Optional.empty(), path);
    }
    try {
      Files.createDirectories(path.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DownloadTargets(Optional.of(path), path);
  }

  /** The file {@code recording} is to be saved as. */
  public Path target(RemoteFile recording) {
    return directory.map(dir -> dir.resolve(fileName(recording))).orElse(file);
  }

  /**
   * Whether {@code target} already holds {@code recording} (a file of its size); any other file
   * there is never overwritten.
   */
  public static boolean alreadyDownloaded(Path target, RemoteFile recording) {
    if (!Files.exists(target)) {
      return false;
    }
    if (recording.size().isEmpty()) {
      throw new CliException(target + " already exists; move it away or choose -o");
    }
    try {
      if (Files.isRegularFile(target) && Files.size(target) == recording.size().getAsLong()) {
        return true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new CliException(target + " already exists with other content; move it away or choose -o");
  }

  private String fileName(RemoteFile recording) {
    String name = Filename.sanitize(recording.filename(), "recording-" + recording.recordingId()).value();
    if (!used.add(name)) {
      int dot = name.lastIndexOf('.');
      String suffix = "-" + recording.recordingId().substring(0, Math.min(8, recording.recordingId().length()));
      name = Filename.sanitize(dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix,
          "recording").value();
      used.add(name);
    }
    return name;
  }
}

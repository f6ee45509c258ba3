package io.chatvideo.recording.local.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * What was computed while a file was written: its SHA-256 and size, and which file it was (file key
 * and modification time, which a rename keeps). It is stored beside the file ({@code name.meta})
 * and trusted only while it still describes the file found there, so a crash between writing the
 * two, or two writers racing, can make the hash unknown but never wrong.
 */
record FileStamp(String sha256, long size, String identity) {

  static final String SUFFIX = ".meta";
  private static final String VERSION = "v1";

  static String identity(BasicFileAttributes attributes) {
    Object fileKey = attributes.fileKey();
    return (fileKey == null ? "-" : fileKey.toString()) + "@" + attributes.lastModifiedTime().toInstant();
  }

  static Path beside(Path file) {
    return file.resolveSibling(file.getFileName() + SUFFIX);
  }

  byte[] encode() {
    return (VERSION + "\n" + sha256 + "\n" + size + "\n" + identity + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The stamp beside {@code file} if it describes the file with {@code attributes}. */
  static Optional<FileStamp> readValid(Path file, BasicFileAttributes attributes) throws IOException {
    String text;
    try {
      text = Files.readString(beside(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String[] lines = text.split("\n", -1);
    if (lines.length != 5 || !lines[0].equals(VERSION) || !lines[1].matches("[0-9a-f]{64}")
        || !lines[2].matches("\\d{1,19}")) {
      return Optional.empty();
    }
    FileStamp stamp = new FileStamp(lines[1], Long.parseLong(lines[2]), lines[3]);
    return stamp.size == attributes.size() && stamp.identity.equals(identity(attributes))
        ? Optional.of(stamp) : Optional.empty();
  }
}

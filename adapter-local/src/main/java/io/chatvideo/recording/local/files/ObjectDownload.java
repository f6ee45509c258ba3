package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ETag;
import io.chatvideo.recording.core.domain.Filename;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * An object a download URL may read, as found on disk: what to answer with (the signed content
 * type, and the file name of an attachment or none for inline), its size and, when its stamp is valid, its ETag (the SHA-256). Nothing is
 * read until {@link #open}.
 */
public final class ObjectDownload {

  private final ContentType contentType;
  private final Optional<Filename> filename;
  private final ObjectFile file;

  ObjectDownload(ContentType contentType, Optional<Filename> filename, ObjectFile file) {
    this.contentType = contentType;
    this.filename = filename;
    this.file = file;
  }

  public ContentType contentType() {
    return contentType;
  }

  /** {@code attachment} with the signed file name, or {@code inline} for a URL signed without one. */
  public String contentDisposition() {
    return filename.map(Filename::contentDisposition).orElse("inline");
  }

  public long size() {
    return file.size();
  }

  public Optional<ETag> etag() {
    return file.sha256().map(ETag::of);
  }

  /**
   * A channel of exactly {@code length} bytes from {@code start}, read straight from the file and
   * never held in memory; the caller closes it. An {@link IOException} if the object was replaced
   * or deleted since it was found (the client retries), and reading fails rather than end early.
   */
  public ReadableByteChannel open(long start, long length) throws IOException {
    if (start < 0 || length < 0 || start + length > file.size()) {
      throw new IllegalArgumentException("bytes " + start + "+" + length + " are not inside the object's "
          + file.size());
    }
    String name = file.path().getFileName().toString();
    try {
      FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ);
      try {
        // Checked after opening: if the name still shows the same file, the open channel reads it
        // to the end even if it is replaced or deleted meanwhile.
        BasicFileAttributes now = Files.readAttributes(file.path(), BasicFileAttributes.class);
        if (!FileStamp.identity(now).equals(file.identity()) || now.size() != file.size()) {
          throw new IOException("object " + name + " changed since the request began; retry");
        }
        return new FileRangeChannel(channel, start, length, name);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (NoSuchFileException e) {
      throw new IOException("object " + name + " was deleted since the request began; retry", e);
    }
  }
}

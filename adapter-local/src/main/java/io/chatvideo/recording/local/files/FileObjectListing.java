package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.port.out.ListedObject;
import io.chatvideo.recording.core.port.out.ObjectListing;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Listing the objects folder of a {@link FileObjectStorage} a page at a time. */
final class FileObjectListing {

  private FileObjectListing() {}

  /**
   * The objects under {@code prefix}, in key order, stamps left out. Folders are read in the order
   * of the keys they hold, and a folder whose keys all come before the cursor is not read at all,
   * so a page costs the folders on its way rather than a walk of every object. The cursor is the
   * last key of the previous page.
   */
  static ObjectListing listObjects(Path objects, String prefix, Optional<String> cursor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a listing takes at least one object, not " + limit);
    }
    String startKey = prefix.substring(0, prefix.lastIndexOf('/') + 1);
    Path start = objects.resolve(startKey).normalize();
    if (!start.startsWith(objects)) {
      throw new IllegalArgumentException("the prefix escapes the objects folder: " + prefix);
    }
    List<ListedObject> page = new ArrayList<>();
    try {
      if (Files.isDirectory(start)) {
        collect(start, startKey, new Listing(prefix, cursor, limit + 1), page);
      }
    } catch (IOException e) {
      throw FileObjectStorage.unavailable("list the objects under " + prefix, e);
    }
    return page.size() > limit
        ? new ObjectListing(page.subList(0, limit), Optional.of(page.get(limit - 1).key()))
        : new ObjectListing(page, Optional.empty());
  }

  private record Listing(String prefix, Optional<String> cursor, int wanted) {}

  /** Adds the keys of {@code folder} (whose keys start with {@code folderKey}) in order; true once full. */
  private static boolean collect(Path folder, String folderKey, Listing listing, List<ListedObject> into)
      throws IOException {
    TreeMap<String, Map.Entry<Path, BasicFileAttributes>> children = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        try {
          BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
              LinkOption.NOFOLLOW_LINKS);
          // A folder's keys go on with '/', so it sorts by its name plus '/': "room/" after "room-1/".
          String key = folderKey + entry.getFileName() + (attributes.isDirectory() ? "/" : "");
          children.put(key, Map.entry(entry, attributes));
        } catch (NoSuchFileException deletedMeanwhile) {
          // No longer an object to list.
        }
      }
    } catch (NoSuchFileException deletedMeanwhile) {
      return false;
    }
    for (Map.Entry<String, Map.Entry<Path, BasicFileAttributes>> child : children.entrySet()) {
      String key = child.getKey();
      BasicFileAttributes attributes = child.getValue().getValue();
      if (attributes.isDirectory()) {
        boolean underPrefix = key.startsWith(listing.prefix()) || listing.prefix().startsWith(key);
        boolean allBeforeCursor = listing.cursor().map(c -> c.compareTo(key) >= 0 && !c.startsWith(key)).orElse(false);
        if (underPrefix && !allBeforeCursor && collect(child.getValue().getKey(), key, listing, into)) {
          return true;
        }
      } else if (attributes.isRegularFile() && key.startsWith(listing.prefix()) && !key.endsWith(FileStamp.SUFFIX)
          && listing.cursor().map(c -> key.compareTo(c) > 0).orElse(true)) {
        into.add(new ListedObject(key, attributes.lastModifiedTime().toInstant()));
        if (into.size() == listing.wanted()) {
          return true;
        }
      }
    }
    return false;
  }
}

package io.chatvideo.recording.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The token {@code recordings login} fetched, kept with the API it belongs to in {@code credentials}
 * in the config directory. The file is only ever readable by its owner: it is written as a private
 * temporary file and moved into place, so no other user can read it even for a moment. A token is
 * only handed back for the API it came from, so pointing the CLI elsewhere never leaks it.
 */
public final class TokenStore {

  public static final String FILE_NAME = "credentials";

  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private final Path directory;

  public TokenStore(Path directory) {
    this.directory = directory;
  }

  public Path file() {
    return directory.resolve(FILE_NAME);
  }

  /** The saved API URL, if someone logged in. */
  public Optional<URI> savedApi() {
    return load().map(p -> p.getProperty("api")).filter(s -> !s.isBlank()).map(URI::create);
  }

  /** The saved token if it was issued by {@code api}. */
  public Optional<String> tokenFor(URI api) {
    return load()
        .filter(p -> sameApi(p.getProperty("api"), api))
        .map(p -> p.getProperty("token"))
        .filter(t -> !t.isBlank());
  }

  public void save(URI api, String token) {
    Properties properties = new Properties();
    properties.setProperty("api", api.toString());
    properties.setProperty("token", token);
    try {
      createPrivateDirectory(directory);
      Path temporary = Files.createTempFile(directory, ".credentials-", ".tmp", privateFile());
      try {
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
          properties.store(writer, "recordings login: keep this file private");
        }
        Files.move(temporary, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<Properties> load() {
    try (Reader reader = Files.newBufferedReader(file(), StandardCharsets.UTF_8)) {
      Properties properties = new Properties();
      properties.load(reader);
      return Optional.of(properties);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean sameApi(String saved, URI api) {
    return saved != null && stripSlash(saved).equals(stripSlash(api.toString()));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static void createPrivateDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    try {
      Files.createDirectories(directory.toAbsolutePath().getParent());
      Files.createDirectory(directory, posix() ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY)} : new FileAttribute<?>[0]);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(directory)) {
        throw e;
      }
    }
  }

  private FileAttribute<?>[] privateFile() {
    return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
        : new FileAttribute<?>[0];
  }

  private static boolean posix() {
    return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}

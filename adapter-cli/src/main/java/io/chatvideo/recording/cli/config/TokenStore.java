package io.chatvideo.recording.cli.config;

import io.chatvideo.recording.local.secret.OwnerOnlyFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The token {@code recordings login} fetched, kept with the API it belongs to in {@code credentials}
 * in the config directory. The file is only ever readable by its owner (adapter-local's {@link
 * OwnerOnlyFile}, the one place that writes such files: private from its creation, replaced in one
 * step). A token is only handed back for the API it came from, so pointing the CLI elsewhere never
 * leaks it.
 */
public final class TokenStore {

  public static final String FILE_NAME = "credentials";

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
    StringWriter text = new StringWriter();
    try {
      properties.store(text, "recordings login: keep this file private");
      OwnerOnlyFile.createPrivateDirectory(directory);
      OwnerOnlyFile.replace(file(), text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<Properties> load() {
    try {
      Optional<byte[]> saved = OwnerOnlyFile.read(file());
      if (saved.isEmpty()) {
        return Optional.empty();
      }
      Properties properties = new Properties();
      properties.load(new StringReader(new String(saved.get(), StandardCharsets.UTF_8)));
      return Optional.of(properties);
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
}

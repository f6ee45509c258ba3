package io.chatvideo.recording.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The "no empty package" rule of an ArchitectureTest: ArchUnit sees only classes, so a package
 * folder left without any is found on disk, among a module's compiled classes.
 */
public final class EmptyPackages {

  private EmptyPackages() {}

  /** The package folders at or below {@code rootPackage} that hold neither a class nor a sub-package. */
  public static List<Path> below(Class<?> anyMainClass, String rootPackage) {
    try {
      Path root = Path.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (Stream<Path> dirs = Files.walk(root.resolve(rootPackage.replace('.', '/')))) {
        return dirs.filter(Files::isDirectory).filter(EmptyPackages::holdsNothing).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the classes of " + anyMainClass + " are not in a folder", e);
    }
  }

  private static boolean holdsNothing(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.noneMatch(p -> Files.isDirectory(p) || p.toString().endsWith(".class"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

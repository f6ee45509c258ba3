package io.chatvideo.recording.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Holds the hexagon: the core is plain Java, and its layers point inwards. */
class ArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.chatvideo.recording.core");

  @Test
  void theCoreDependsOnTheJdkOnly() {
    classes().that().resideInAPackage("io.chatvideo.recording.core..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.chatvideo.recording.core..")
        .check(CORE);
  }

  @Test
  void layersPointInwards() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("domain").definedBy("io.chatvideo.recording.core.domain..")
        .layer("ports").definedBy("io.chatvideo.recording.core.port..")
        .layer("application").definedBy("io.chatvideo.recording.core.application..")
        .whereLayer("application").mayNotBeAccessedByAnyLayer()
        .whereLayer("ports").mayOnlyBeAccessedByLayers("application")
        .whereLayer("domain").mayOnlyBeAccessedByLayers("ports", "application")
        .check(CORE);
  }

  @Test
  void useCaseImplementationsStayPackagePrivateBehindTheFacade() {
    classes().that().resideInAPackage("io.chatvideo.recording.core.application")
        .and().doNotHaveSimpleName("Recordings").and().areNotNestedClasses()
        .should().notBePublic()
        .check(CORE);
  }

  @Test
  void noPackageIsEmpty() throws IOException, URISyntaxException {
    Path root = Path.of(io.chatvideo.recording.core.application.Recordings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> dirs = Files.walk(root.resolve("io/chatvideo/recording/core"))) {
      List<Path> empty = dirs.filter(Files::isDirectory).filter(ArchitectureTest::holdsNothing).toList();
      assertThat(empty).as("packages without a class or a sub-package").isEmpty();
    }
  }

  private static boolean holdsNothing(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.noneMatch(p -> Files.isDirectory(p) || p.toString().endsWith(".class"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

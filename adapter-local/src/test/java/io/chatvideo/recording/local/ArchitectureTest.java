package io.chatvideo.recording.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * adapter-local is a storage adapter: plain Java over the core's ports, no framework and no other
 * adapter; its parts ({@code capability}, {@code files}, {@code sqlite}, {@code secret}) depend
 * on each other in one direction only.
 */
@AnalyzeClasses(packages = "io.chatvideo.recording.local", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src/main/java/io/chatvideo/recording/local");

  @ArchTest
  static final ArchRule noFramework = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "io.netty..", "reactor..");

  @ArchTest
  static final ArchRule noOtherAdapter = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("io.chatvideo.recording.aws..",
          "io.chatvideo.recording.http..", "io.chatvideo.recording.cli..");

  @ArchTest
  static final ArchRule partsDoNotDependOnEachOtherInCircles = slices()
      .matching("io.chatvideo.recording.local.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule metadataKnowsNothingOfFiles = noClasses()
      .that().resideInAPackage("io.chatvideo.recording.local.sqlite..")
      .should().dependOnClassesThat().resideInAnyPackage("io.chatvideo.recording.local.files..",
          "io.chatvideo.recording.local.capability..");

  @ArchTest
  static final ArchRule filesReachMetadataOnlyThroughTheCorePort = noClasses()
      .that().resideInAnyPackage("io.chatvideo.recording.local.files..", "io.chatvideo.recording.local.capability..")
      .should().dependOnClassesThat().resideInAPackage("io.chatvideo.recording.local.sqlite..");

  /**
   * FileObjectStorage is split by concern into package-private parts (multipart uploads, listing,
   * presigning); they serve it alone, so it stays the port's only door and a part can change with it.
   */
  @ArchTest
  static final ArchRule theObjectStoresPartsServeOnlyTheStore = classes()
      .that().haveSimpleName("FileMultipartUploads").or().haveSimpleName("FileObjectListing")
      .or().haveSimpleName("CapabilityPresigner")
      .should().notBePublic().andShould().onlyHaveDependentClassesThat().haveSimpleName("FileObjectStorage");

  @Test
  void noPackageIsEmpty() throws IOException {
    try (Stream<Path> folders = Files.walk(SOURCES).filter(Files::isDirectory)) {
      for (Path folder : folders.toList()) {
        try (Stream<Path> files = Files.list(folder)) {
          List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
          assertThat(sources).as("classes in " + SOURCES.relativize(folder)).isNotEmpty();
        }
      }
    }
  }
}

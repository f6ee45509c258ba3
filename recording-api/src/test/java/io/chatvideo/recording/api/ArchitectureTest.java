package io.chatvideo.recording.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The wire types stay readable by any JSON library: they know the JDK and annotations, nothing else. */
@AnalyzeClasses(packages = "io.chatvideo.recording.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule wireTypesDependOnAnnotationsOnly = classes()
      .should().onlyDependOnClassesThat().resideInAnyPackage(
          "java..",
          "io.chatvideo.recording.api..",
          "com.fasterxml.jackson.annotation..",
          "jakarta.validation..",
          "jakarta.annotation..",
          "io.swagger.v3.oas.annotations..");

  @ArchTest
  static final ArchRule wireTypesAreRecords = classes()
      .that().arePublic()
      .should().beRecords();
}

package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code adapter-http/openapi.yaml} is the API's contract, the one the web client's types are
 * generated from: it must be exactly what the annotated controllers and wire records generate, so
 * every change of the API shows up in review as a change of that file.
 */
class OpenApiDocumentTest {

  static final Path COMMITTED = Path.of("openapi.yaml");
  static final String GENERATED = "META-INF/swagger/recordings-1.0.yml";

  @Test
  void theCommittedDocumentIsTheGeneratedOne() throws IOException {
    String generated;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(GENERATED)) {
      assertThat(in).as("micronaut-openapi writes %s when the server compiles", GENERATED).isNotNull();
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(Files.readString(COMMITTED))
        .as("adapter-http/openapi.yaml differs from the document the code generates: run bin/refresh-contract "
            + "and review the change")
        .isEqualTo(generated);
  }
}

package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The web client names its files by the core's table of media types and extensions, generated
 * into {@code web-client/src/recording/content-types.ts} rather than written a third time.
 * {@code bin/refresh-contract} (this test with {@code -Dcontract.refresh=true}) rewrites the file.
 */
class WebClientContentTypesTest {

  static final Path GENERATED = Path.of("..", "web-client", "src", "recording", "content-types.ts");

  static String typescript() {
    return """
        // Generated from recording-core's ContentType, the one table of media types and file extensions,
        // by adapter-http's WebClientContentTypesTest: do not edit; bin/refresh-contract rewrites it.

        /** The file extension of each media type a recording may have, in order of preference. */
        export const FILE_EXTENSIONS = {
        %s
        } as const;
        """.formatted(ContentType.fileExtensions().entrySet().stream()
        .map(entry -> "  '" + entry.getKey() + "': '" + entry.getValue() + "',")
        .collect(Collectors.joining("\n")));
  }

  @Test
  void theWebClientsTableIsTheCoresTable() throws IOException {
    if (Boolean.getBoolean("contract.refresh")) {
      Files.writeString(GENERATED, typescript());
    }

    assertThat(Files.readString(GENERATED))
        .as("web-client/src/recording/content-types.ts differs from recording-core's ContentType: run bin/refresh-contract")
        .isEqualTo(typescript());
  }
}

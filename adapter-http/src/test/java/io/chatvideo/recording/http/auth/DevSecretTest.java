package io.chatvideo.recording.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.http.support.TempDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The dev secret is its owner's alone, even when it was left readable by others. */
class DevSecretTest {

  @Test
  void aWorldReadableSecretIsNarrowedToItsOwnerOnLoad() throws Exception {
    try (TempDirectory data = new TempDirectory("dev-secret")) {
      byte[] made = DevSecret.loadOrCreate(data.path());
      Path file = data.path().resolve(DevSecret.FILE_NAME);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

      assertThat(DevSecret.loadOrCreate(data.path())).isEqualTo(made);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
  }
}

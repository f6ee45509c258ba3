package io.chatvideo.recording.local.files;

import io.chatvideo.recording.local.Fixtures;
import io.chatvideo.recording.local.ChildProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects far larger than the heap go in and out, because nothing holds a whole object in memory. */
class BoundedMemoryIT {

  private static final long SIZE = 512L * 1024 * 1024;

  @TempDir
  Path data;

  @Test
  void aHalfGibibyteObjectRoundTripsThroughAThirtyTwoMebibyteHeap() throws Exception {
    try (ChildProcess child = ChildProcess.start(List.of("-Xmx32m", "-XX:+UseSerialGC"), "round-trip",
        data.toString(), Fixtures.newKey().value(), Long.toString(SIZE))) {
      String[] result = child.nextLine().split(" ");
      assertThat(child.waitForExit()).isZero();

      assertThat(result[0] + " " + result[1]).as("PUT and GET went through").isEqualTo("stored read");
      assertThat(result[3]).as("sha256 of what came back").isEqualTo(result[2]);
      assertThat(result[4]).as("sha256 from HEAD").isEqualTo(result[2]);
      assertThat(Long.parseLong(result[5])).as("max heap").isLessThan(SIZE / 8);
    }
  }
}

package io.chatvideo.recording.local.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFileTest {

  @TempDir
  Path folder;

  @Test
  void aNewFileIsOwnerOnlyAndKeepsItsFirstContent() throws Exception {
    Path file = folder.resolve("secret");

    byte[] first = OwnerOnlyFile.readOrCreate(file, () -> new byte[] {1, 2, 3});
    byte[] second = OwnerOnlyFile.readOrCreate(file, () -> new byte[] {9});

    assertThat(first).containsExactly(1, 2, 3);
    assertThat(second).containsExactly(1, 2, 3);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (var left = Files.list(folder)) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void creatorsRacingEachOtherAllReadTheWinnersContent() throws Exception {
    Path file = folder.resolve("raced");
    int racers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      CyclicBarrier start = new CyclicBarrier(racers);
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        byte mine = (byte) i;
        results.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return OwnerOnlyFile.readOrCreate(file, () -> new byte[] {mine, mine, mine, mine});
        }));
      }
      Set<String> seen = new HashSet<>();
      for (Future<byte[]> result : results) {
        seen.add(java.util.Arrays.toString(result.get(30, TimeUnit.SECONDS)));
      }
      assertThat(seen).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLooseFileIsTightenedWhenRead() throws Exception {
    Path file = Files.writeString(folder.resolve("loose"), "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(OwnerOnlyFile.read(file)).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("x"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(OwnerOnlyFile.read(folder.resolve("missing"))).isEmpty();
  }

  @Test
  void replacingWritesTheWholeNewContentOwnerOnly() throws Exception {
    Path file = folder.resolve("credentials");
    OwnerOnlyFile.replace(file, "one".getBytes());
    OwnerOnlyFile.replace(file, "two".getBytes());

    assertThat(Files.readString(file)).isEqualTo("two");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void aPrivateDirectoryIsMadeWithItsParents() throws Exception {
    Path made = OwnerOnlyFile.createPrivateDirectory(folder.resolve("a/b/data"));

    assertThat(made).isDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).isEqualTo("rwx------");
  }
}

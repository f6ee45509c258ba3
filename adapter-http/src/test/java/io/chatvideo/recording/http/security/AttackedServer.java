package io.chatvideo.recording.http.security;

import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One server jar per test class, started before its cases and stopped by its pid after them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AttackedServer {

  private final TempDirectory work = new TempDirectory("recordings-security");
  private final TestIdentityProvider idp = new TestIdentityProvider();
  private SecurityTarget target;

  /** Starts the server under attack in {@code work}; jwt servers trust {@code idp}. */
  abstract SecurityTarget start(Path work, TestIdentityProvider idp);

  @BeforeAll
  final void startServer() {
    target = start(work.path(), idp);
  }

  @AfterAll
  final void stopServer() {
    if (target != null) {
      target.server().close();
    }
    idp.close();
    work.close();
  }

  public final SecurityTarget target() {
    return target;
  }
}

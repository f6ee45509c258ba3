package io.chatvideo.recording.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The npm {@code standardwebhooks} package, run by node: the independent check of our signatures.
 * Installs it (npm ci, from the committed lock file) on first use. Without node or npm the
 * test fails, saying so: it never passes without having verified.
 */
final class NpmVerifier {

  private static final Path DIR = Path.of("src", "test", "node").toAbsolutePath();

  private NpmVerifier() {}

  /** The verifier's answer: {@code verified}, or {@code refused: …}. */
  static String verify(String secret, Map<String, String> headers, String body) throws Exception {
    install();
    String input = "{\"secret\":" + quote(secret) + ",\"headers\":" + headers.entrySet().stream()
        .map(e -> quote(e.getKey()) + ":" + quote(e.getValue())).collect(Collectors.joining(",", "{", "}"))
        + ",\"body\":" + quote(body) + "}";
    Process node = run("node", "verify.mjs");
    node.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    node.getOutputStream().close();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!node.waitFor(60, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      throw new AssertionError("node verify.mjs did not finish within 60 s");
    }
    return out;
  }

  private static synchronized void install() throws Exception {
    if (Files.isDirectory(DIR.resolve("node_modules").resolve("standardwebhooks"))) {
      return;
    }
    Process npm = run("npm", "ci", "--no-audit", "--no-fund");
    String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      throw new AssertionError("npm ci in " + DIR + " failed: " + out);
    }
  }

  private static Process run(String... command) {
    try {
      return new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("the independent verifier needs " + command[0] + " on PATH (bin/test installs Node): "
          + e.getMessage(), e);
    }
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

package io.chatvideo.recording.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.Uploads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** What the cases share: fresh users and rooms, a victim's recording, and the secrets that must never leak. */
final class Attack {

  static final byte[] CONTENT = "0123456789".getBytes(StandardCharsets.US_ASCII);

  private Attack() {}

  static String user() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  static String room() {
    return "room-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A completed single-PUT recording of {@link #CONTENT} owned by the holder of {@code token}. */
  static String completed(Api api, String token, String room) {
    return Uploads.completedRecording(api, token, room, CONTENT);
  }

  /** The answer's status is a client error: the request was refused, and not by a crash. */
  static void refused(Api.Reply reply) {
    assertThat(reply.status()).as("%s", reply).isBetween(400, 499);
    noInternals(reply.text());
  }

  /** No stack trace, exception name or server path in an answer. */
  static void noInternals(String body) {
    assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("/tmp/")
        .doesNotContain("/home/").doesNotContain("/root/");
  }

  /** The text of every secret file of a data directory (keys, the dev secret), to check no answer carries one. */
  static List<String> secrets(Path data) {
    List<String> secrets = new ArrayList<>();
    if (!Files.isDirectory(data)) {
      return secrets;
    }
    try (Stream<Path> files = Files.list(data)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.contains("secret") || name.endsWith(".key")) {
          String text = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
          if (text.length() >= 16) {
            secrets.add(text.substring(0, 16));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return secrets;
  }
}

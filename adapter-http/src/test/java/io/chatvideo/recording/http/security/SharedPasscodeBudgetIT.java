package io.chatvideo.recording.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.RawHttp;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Passcode guesses against two server jars on one data directory, as two servers behind one
 * balancer share one store: the jar {@code trusting} believes {@code X-Forwarded-For} from
 * 127.0.0.1 (the test acting as the proxy) only, the jar {@code plain} from nobody. Each case
 * sends from loopback addresses of its own (127.0.0.x), so the per-address budgets of the cases
 * stay apart. Five tries per link and per address and minute (the default).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedPasscodeBudgetIT {

  private static final String PASSCODE = "blue whale 42";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TempDirectory work = new TempDirectory("recordings-shared-budget");
  private ServerProcess trusting;
  private ServerProcess plain;
  private Api api;
  private String owner;
  private String recording;

  @BeforeAll
  void startTwoServersOnOneDataDirectory() {
    trusting = ServerProcess.start(work.path(), Map.of("RECORDING_TRUSTED_PROXIES", "127.0.0.1/32"));
    api = new Api(trusting.uri());
    trusting.awaitHealthy(api);
    plain = ServerProcess.start(work.path(), Map.of());
    plain.awaitHealthy(new Api(plain.uri()));
    owner = api.devToken("owner-" + UUID.randomUUID() + "@example.com");
    recording = Uploads.completedRecording(api, owner, "budget-room", new byte[] {1, 2, 3, 4});
  }

  @AfterAll
  void stop() {
    if (plain != null) {
      plain.close();
    }
    if (trusting != null) {
      trusting.close();
    }
    work.close();
  }

  @Test
  void guessesAtOneLinkThroughEitherServerSpendOneBudget() {
    String link = link();
    for (int i = 0; i < 5; i++) {
      ServerProcess server = i % 2 == 0 ? trusting : plain;
      assertThat(unlock(server, peer(10 + i), link, "wrong " + i, null)).as("guess %d", i).isEqualTo(401);
    }
    assertThat(unlock(plain, peer(15), link, PASSCODE, null))
        .as("the sixth try at the link within its minute, whichever server it reaches, from a fresh address")
        .isEqualTo(429);
    assertThat(unlock(trusting, peer(16), link, PASSCODE, null)).isEqualTo(429);
  }

  @Test
  void guessesAtUnknownTokensSpendNobodysBudget() {
    String link = link();
    for (int i = 0; i < 12; i++) {
      String unknown = "/s/" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
      assertThat(unlock(plain, peer(20), unknown, "guess " + i, null)).as("unknown token %d", i).isEqualTo(404);
    }
    assertThat(unlock(plain, peer(20), link, PASSCODE, null))
        .as("the right passcode from the address that guessed at unknown tokens").isEqualTo(200);
  }

  @Test
  void behindATrustedProxyTheAddressBudgetFollowsXForwardedFor() {
    String[] links = {link(), link(), link(), link(), link(), link()};
    for (int i = 0; i < 5; i++) {
      assertThat(unlock(trusting, loopback(), links[i], "wrong", "203.0.113.7")).isEqualTo(401);
    }
    assertThat(unlock(trusting, loopback(), links[5], PASSCODE, "198.51.100.99, 203.0.113.7"))
        .as("what the client wrote left of the address our proxy saw is ignored").isEqualTo(429);
    assertThat(unlock(trusting, loopback(), links[5], PASSCODE, "198.51.100.8"))
        .as("another client behind the same proxy").isEqualTo(200);
    assertThat(unlock(trusting, loopback(), links[4], PASSCODE, "198.51.100.9, 127.0.0.1"))
        .as("past a second proxy of ours").isEqualTo(200);
  }

  @Test
  void anUntrustedPeersXForwardedForIsIgnored() {
    String[] links = {link(), link(), link(), link(), link(), link()};
    for (int i = 0; i < 5; i++) {
      assertThat(unlock(trusting, peer(30), links[i], "wrong", "10.9.8." + i)).isEqualTo(401);
    }
    assertThat(unlock(trusting, peer(30), links[5], PASSCODE, "10.9.8.77"))
        .as("the peer is no proxy of ours: its budget is its own, whatever it claims").isEqualTo(429);
    assertThat(unlock(plain, peer(31), links[5], PASSCODE, "203.0.113.7")).isEqualTo(200);
  }

  /** A new passcode link to the recording; its path, {@code /s/{token}}. */
  private String link() {
    Api.Reply created = api.post("/recordings/" + recording + "/shares", owner,
        "{\"passcode\":\"" + PASSCODE + "\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return URI.create(created.json().get("url").asText()).getPath();
  }

  /** The passcode form posted to {@code server} from {@code from}, with an {@code X-Forwarded-For} when given. */
  private static int unlock(ServerProcess server, InetAddress from, String path, String passcode, String forwardedFor) {
    byte[] body = ("passcode=" + URLEncoder.encode(passcode, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.uri().getPort()
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
        + (forwardedFor == null ? "" : "\r\nX-Forwarded-For: " + forwardedFor);
    return RawHttp.status(RawHttp.exchangeFrom(from, server.uri(), head, body));
  }

  private static InetAddress loopback() {
    return peer(1);
  }

  private static InetAddress peer(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}

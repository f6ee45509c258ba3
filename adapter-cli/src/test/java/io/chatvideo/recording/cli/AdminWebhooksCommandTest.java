package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recordings admin webhooks …} on a local data directory: each command, and one-line refusals with exit 2. */
class AdminWebhooksCommandTest {

  private static final Pattern ID = Pattern.compile("id: +(ep_[0-9a-f]{32})");

  @TempDir
  Path home;

  private Cli.Result run(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "admin";
    all[1] = "webhooks";
    System.arraycopy(args, 0, all, 2, args.length);
    all[args.length + 2] = "--data-dir";
    all[args.length + 3] = home.resolve("data").toString();
    return new Cli(home).run(all);
  }

  @Test
  void anEndpointIsAddedListedTestedRotatedAndRemoved() {
    Cli.Result added = run("add", "https://hooks.example.com/in", "--events", "recording.ready,recording.deleted");
    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out()).containsPattern("secret: whsec_[A-Za-z0-9+/=]{44} ");
    Matcher id = ID.matcher(added.out());
    assertThat(id.find()).as(added.out()).isTrue();
    String endpoint = id.group(1);

    assertThat(run("list").out()).contains(endpoint + "  https://hooks.example.com/in  recording.deleted,recording.ready"
        + "  enabled");
    assertThat(run("test", endpoint).out()).startsWith("queued webhook.test msg_");
    assertThat(run("deliveries", endpoint).out()).contains("no deliveries to " + endpoint + " yet");
    Cli.Result rotated = run("rotate-secret", endpoint);
    assertThat(rotated.out()).containsPattern("secret: whsec_");
    assertThat(run("remove", endpoint).out()).contains("removed " + endpoint);
    assertThat(run("list").out()).contains("no webhook endpoints");
  }

  @Test
  void badInputIsRefusedInOneLineWithExitCode2() {
    assertRefused(run("add", "http://hooks.example.com/in"), "url: a webhook URL is https: http://hooks.example.com/in");
    assertRefused(run("add", "http://127.0.0.1:8080/in"),
        "url: plain http to loopback needs recording.webhook.allow-loopback=true");
    assertRefused(run("add", "https://hooks.example.com/in", "--events", "recording.exploded"),
        "events: unknown event 'recording.exploded'");
    assertRefused(run("remove", "ep_" + "0".repeat(32)), "endpoint_id: no webhook endpoint ep_");
    assertRefused(run("test", "42"), "endpoint_id: is ep_ and 32 hex digits, not '42'");
  }

  @Test
  void plainHttpToLoopbackIsAllowedWhenAsked() {
    Cli.Result added = run("add", "http://127.0.0.1:8080/in", "--webhook-allow-loopback");
    assertThat(added.exitCode()).as(added.err()).isZero();
  }

  private static void assertRefused(Cli.Result result, String message) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
    assertThat(result.err().strip()).startsWith("error: " + message).doesNotContain("\n");
  }
}

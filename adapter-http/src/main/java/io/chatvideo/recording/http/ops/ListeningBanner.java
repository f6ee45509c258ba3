package io.chatvideo.recording.http.ops;

import io.chatvideo.recording.http.config.AuthMode;
import io.chatvideo.recording.http.config.ServerSettings;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints where the server listens and how to get a token, as the one line a person starting it
 * reads; and, above it, a warning when dev mode was told to listen off loopback.
 */
@Singleton
final class ListeningBanner implements ApplicationEventListener<ServerStartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(ListeningBanner.class);

  private final ServerSettings settings;
  private final PrintStream out;

  ListeningBanner(ServerSettings settings) {
    this.settings = settings;
    this.out = System.out;
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    if (settings.devModeOffLoopback()) {
      LOG.warn("dev mode listens off loopback (recording.auth.allow-dev-off-loopback=true): anyone who can reach "
          + "{} can mint a token for any email and read every recording", event.getSource().getURL());
      System.err.println("WARNING: dev mode listens on " + event.getSource().getURL() + ", off loopback: anyone who "
          + "can reach it can mint a token for any email. Use recording.auth.mode=jwt for anything shared.");
    }
    out.println(line(event.getSource().getURL().toString()));
    out.flush();
  }

  String line(String url) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    String backend = switch (settings.recording().backend()) {
      case LOCAL -> "backend local, data " + settings.recording().dataDir();
      case AWS -> "backend aws, bucket " + settings.aws().orElseThrow().bucket() + ", table "
          + settings.aws().orElseThrow().table();
    };
    String auth = settings.auth().mode() == AuthMode.DEV
        ? "auth dev: curl -X POST " + base + "/dev/token -H 'Content-Type: application/json' -d '{\"email\": \"you@example.com\"}'"
        : "auth jwt, issuer " + settings.auth().requiredIssuer().orElse("?");
    return "Recordings API listening on " + base + " (" + backend + ", " + auth + ")";
  }
}

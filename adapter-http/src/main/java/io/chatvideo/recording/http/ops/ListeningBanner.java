package io.chatvideo.recording.http.ops;

import io.chatvideo.recording.http.config.AuthMode;
import io.chatvideo.recording.http.config.ServerSettings;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.io.PrintStream;

/** Prints where the server listens and how to get a token, as the one line a person starting it reads. */
@Singleton
final class ListeningBanner implements ApplicationEventListener<ServerStartupEvent> {

  private final ServerSettings settings;
  private final PrintStream out;

  ListeningBanner(ServerSettings settings) {
    this.settings = settings;
    this.out = System.out;
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    out.println(line(event.getSource().getURL().toString()));
    out.flush();
  }

  String line(String url) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    String backend = switch (settings.recording().backend()) {
      case LOCAL -> "backend local, data " + settings.recording().dataDir();
      case AWS -> "backend aws, bucket " + settings.aws().bucket() + ", table " + settings.aws().table();
    };
    String auth = settings.auth().mode() == AuthMode.DEV
        ? "auth dev: curl -X POST " + base + "/dev/token -H 'Content-Type: application/json' -d '{\"email\": \"you@example.com\"}'"
        : "auth jwt, issuer " + settings.auth().requiredIssuer().orElse("?");
    return "Recordings API listening on " + base + " (" + backend + ", " + auth + ")";
  }
}

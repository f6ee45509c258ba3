package io.chatvideo.recording.http.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.http.support.TempDirectory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who may read {@code /prometheus} when no metrics token is set: a loopback server's own machine only. */
class MetricsAccessTest {

  private final TempDirectory data = new TempDirectory("recordings-metrics");

  @AfterEach
  void clean() {
    data.close();
  }

  private HttpResponse<?> ask(Map<String, Object> settings, HttpRequest<?> request) {
    Map<String, Object> all = new HashMap<>(settings);
    all.put("recording.data-dir", data.path().toString());
    try (ApplicationContext context = ApplicationContext.run(all, Environment.TEST)) {
      return context.getBean(MetricsAccess.class).guard(request);
    }
  }

  @Test
  void aLoopbackServerServesItsOwnMachineButNotWhatAProxyRelays() {
    assertThat(ask(Map.of(), HttpRequest.GET("/prometheus"))).isNull();
    assertThat(ask(Map.of(), HttpRequest.GET("/prometheus").header("X-Forwarded-For", "203.0.113.7")).code())
        .isEqualTo(404);
    assertThat(ask(Map.of(), HttpRequest.GET("/prometheus").header("Forwarded", "for=203.0.113.7")).code())
        .isEqualTo(404);
  }

  @Test
  void offLoopbackWithoutATokenThereAreNoMetrics() {
    Map<String, Object> offLoopback = Map.of("micronaut.server.host", "0.0.0.0",
        "recording.auth.allow-dev-off-loopback", "true", "recording.public-url", "https://rec.example.com");
    assertThat(ask(offLoopback, HttpRequest.GET("/prometheus")).code()).isEqualTo(404);
  }
}

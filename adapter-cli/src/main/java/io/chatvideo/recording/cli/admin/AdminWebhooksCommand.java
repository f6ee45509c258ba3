package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.terminal.Times;
import io.chatvideo.recording.cli.terminal.UsageRefusal;
import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.domain.WebhookSecret;
import io.chatvideo.recording.core.port.in.WebhooksUseCase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The operator's webhook endpoints, in the store the server uses (the local data directory, or the
 * DynamoDB table with the SQS queue the deliveries run on). Bad input — a URL that is not https (or allowed loopback),
 * an unknown event, an unknown id — is one line and exit 2.
 */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
    description = {"Register, list, remove and test webhook endpoints; see their recent deliveries.",
        "Events: recording.completed, recording.ready, recording.processing_failed, recording.deleted, "
            + "recording.expired. Deliveries are Standard Webhooks, signed with the endpoint's secret."})
final class AdminWebhooksCommand {

  private final Environment environment;

  @Spec
  CommandSpec spec;

  AdminWebhooksCommand(Environment environment) {
    this.environment = environment;
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Register URL (https; http only to loopback with --webhook-allow-loopback). Prints its id and "
          + "its secret, once.")
  int add(@Mixin BackendOptions backend, @Parameters(paramLabel = "URL") String url,
      @Option(names = "--events", split = ",", paramLabel = "EVENT",
          description = "Only these events (comma-separated); all recording events when not given.") List<String> events) {
    Set<EventType> types = new LinkedHashSet<>();
    for (String name : events == null ? List.<String>of() : events) {
      types.add(refusing(() -> EventType.parse(name)));
    }
    WebhookEndpoint endpoint = run(backend, webhooks -> refusing(() -> webhooks.add(url, types)));
    PrintWriter out = spec.commandLine().getOut();
    out.println("id:     " + endpoint.id());
    out.println("secret: " + endpoint.secrets().get(0).value() + "   (shown once: keep it where your receiver reads it)");
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every endpoint: id, URL, events, state.")
  int list(@Mixin BackendOptions backend) {
    List<WebhookEndpoint> endpoints = run(backend, WebhooksUseCase::list);
    PrintWriter out = spec.commandLine().getOut();
    for (WebhookEndpoint endpoint : endpoints) {
      out.println(endpoint.id() + "  " + endpoint.url() + "  " + (endpoint.events().isEmpty() ? "all events"
          : endpoint.events().stream().map(EventType::wireName).sorted().collect(Collectors.joining(",")))
          + "  " + endpoint.disabled().map(why -> "disabled: " + why).orElse("enabled"));
    }
    if (endpoints.isEmpty()) {
      out.println("no webhook endpoints");
    }
    return 0;
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop sending to the endpoint ID.")
  int remove(@Mixin BackendOptions backend, @Parameters(paramLabel = "ID") String id) {
    WebhookEndpointId endpoint = endpointId(id);
    run(backend, webhooks -> {
      refusing(() -> {
        webhooks.remove(endpoint);
        return endpoint;
      });
      return null;
    });
    spec.commandLine().getOut().println("removed " + endpoint);
    return 0;
  }

  @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
      description = "A new secret signs from now on; the previous one signs beside it until the next rotation.")
  int rotateSecret(@Mixin BackendOptions backend, @Parameters(paramLabel = "ID") String id) {
    WebhookEndpointId endpoint = endpointId(id);
    WebhookSecret secret = run(backend, webhooks -> refusing(() -> webhooks.rotateSecret(endpoint)));
    spec.commandLine().getOut().println("secret: " + secret.value() + "   (shown once)");
    return 0;
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Queue a webhook.test event to the endpoint ID; a server or 'recordings worker' sends it.")
  int test(@Mixin BackendOptions backend, @Parameters(paramLabel = "ID") String id) {
    WebhookEndpointId endpoint = endpointId(id);
    EventId event = run(backend, webhooks -> refusing(() -> webhooks.test(endpoint)));
    spec.commandLine().getOut().println("queued webhook.test " + event + " to " + endpoint
        + "; 'recordings admin webhooks deliveries " + endpoint + "' shows how it went");
    return 0;
  }

  @Command(name = "deliveries", mixinStandardHelpOptions = true,
      description = "Recent attempts at the endpoint ID: time, event, status, latency, error, what next.")
  int deliveries(@Mixin BackendOptions backend, @Parameters(paramLabel = "ID") String id,
      @Option(names = "--limit", defaultValue = "20", description = "How many (default 20).") int limit) {
    WebhookEndpointId endpoint = endpointId(id);
    List<WebhookDelivery> attempts = run(backend, webhooks -> refusing(() -> webhooks.deliveries(endpoint,
        Math.max(1, limit))));
    PrintWriter out = spec.commandLine().getOut();
    for (WebhookDelivery delivery : attempts) {
      List<String> cells = new ArrayList<>(List.of(Times.local(delivery.at(), environment.zone()),
          delivery.target().event().value(), delivery.type().wireName(), "attempt " + delivery.target().attempt(),
          status(delivery.response()), delivery.response().latency().toMillis() + " ms",
          delivery.outcome().name().toLowerCase(Locale.ROOT)));
      delivery.retryAt().ifPresent(at -> cells.add("again at " + Times.local(at, environment.zone())));
      out.println(String.join("  ", cells));
    }
    if (attempts.isEmpty()) {
      out.println("no deliveries to " + endpoint + " yet");
    }
    return 0;
  }

  private static String status(WebhookResponse response) {
    if (response instanceof WebhookResponse.Delivered delivered) {
      return "HTTP " + delivered.status();
    }
    if (response instanceof WebhookResponse.Gone) {
      return "HTTP 410";
    }
    return ((WebhookResponse.Failed) response).error();
  }

  private <T> T run(BackendOptions backend, Function<WebhooksUseCase, T> action) {
    try (AdminBackend store = BackendFactory.webhooks(backend, environment)) {
      return action.apply(store.recordings().webhooks());
    }
  }

  private static WebhookEndpointId endpointId(String id) {
    return refusing(() -> new WebhookEndpointId(id));
  }

  private static <T> T refusing(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidInputException e) {
      throw new UsageRefusal(e.getMessage(), e);
    }
  }
}

package io.chatvideo.recording.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.MicronautLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The recordings API as an AWS Lambda handler for API Gateway HTTP API events (payload v2):
 * {@code io.chatvideo.recording.lambda.RecordingsHandler::handleRequest}. The controllers,
 * configuration keys and answers are adapter-http's; API Gateway is the HTTP server.
 *
 * <p>With SnapStart the runtime snapshots the process after this constructor; before that,
 * {@link #beforeCheckpoint} sends two requests through the handler, so the snapshot holds a
 * warmed router, serde, JWT path and SDK clients rather than classes still to load.
 */
public class RecordingsHandler extends APIGatewayV2HTTPEventFunction implements Resource {

  /** Requests that touch no one's data and need no token: a readiness probe and a refused listing. */
  static final List<APIGatewayV2HTTPEvent> PRIMING = List.of(
      GatewayRequests.get("/health"), GatewayRequests.get("/recordings"));

  /** What the Lambda runtime calls: configuration from the function's environment variables. */
  public RecordingsHandler() {
    super();
    Core.getGlobalContext().register(this);
  }

  /**
   * A handler on a context built from {@link #contextBuilder()} with more properties or beans
   * (tests: the stand-ins' credentials as a bean); close it after.
   */
  RecordingsHandler(ApplicationContextBuilder context) {
    super(context.build());
  }

  /** The context every handler starts: the function environments, every singleton made before the first request. */
  static ApplicationContextBuilder contextBuilder() {
    ApplicationContextBuilder builder = new LambdaApplicationContextBuilder();
    // Named, not left to deduction: a deduced environment (ec2, test) would drop these defaults.
    return builder.environments(Environment.FUNCTION, MicronautLambdaContext.ENVIRONMENT_LAMBDA);
  }

  /**
   * Answers one event. A request without a body reaches the function with no body and often no
   * {@code Content-Length} (curl's {@code -X POST}); the servlet layer would read that as an empty
   * JSON document and refuse it, where the server sees no body: it is given its length, 0.
   */
  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    if (event.getBody() == null && !hasHeader(event, "content-length")) {
      Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
      headers.put("content-length", "0");
      event.setHeaders(headers);
    }
    return super.handleRequest(event, context);
  }

  private static boolean hasHeader(APIGatewayV2HTTPEvent event, String name) {
    return event.getHeaders() != null && event.getHeaders().keySet().stream().anyMatch(name::equalsIgnoreCase);
  }

  @Override
  protected ApplicationContextBuilder newApplicationContextBuilder() {
    return contextBuilder();
  }

  @Override
  protected void startThis(ApplicationContext context) {
    LambdaStartCheck.check(context.getEnvironment());
    super.startThis(context);
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    PRIMING.forEach(event -> handleRequest(event, null));
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew: the SDK clients read their credentials when they sign, after the restore.
  }

  /** Closes the context too when this handler made it from properties. */
  @Override
  public void close() {
    super.close();
    if (!closeContext) {
      applicationContext.close();
    }
  }
}

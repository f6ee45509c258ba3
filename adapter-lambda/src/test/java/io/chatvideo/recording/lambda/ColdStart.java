package io.chatvideo.recording.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * One cold start of the function as Lambda's runtime makes it, in a JVM of its own: the handler
 * built by its public constructor from the environment, then one event. Prints
 * {@code cold-start handler-ms=… status=…}, the time from creating the handler to the answer.
 */
final class ColdStart {

  private ColdStart() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    try (RecordingsHandler handler = new RecordingsHandler()) {
      APIGatewayV2HTTPResponse answer = handler.handleRequest(GatewayRequests.get("/health"), null);
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      System.out.println("cold-start handler-ms=" + elapsed + " status=" + answer.getStatusCode());
    }
  }
}

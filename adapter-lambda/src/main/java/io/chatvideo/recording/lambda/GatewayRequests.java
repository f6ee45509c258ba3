package io.chatvideo.recording.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/** API Gateway HTTP API events the handler makes itself, for priming. */
final class GatewayRequests {

  private GatewayRequests() {}

  /** {@code GET path} with no headers beyond a host, as API Gateway would pass it on. */
  static APIGatewayV2HTTPEvent get(String path) {
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath(path)
        .withRawQueryString("")
        .withHeaders(Map.of("host", "localhost"))
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod("GET").withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
            .build())
        .withIsBase64Encoded(false)
        .build();
  }
}

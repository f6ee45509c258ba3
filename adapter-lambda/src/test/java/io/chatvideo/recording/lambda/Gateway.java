package io.chatvideo.recording.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.chatvideo.recording.http.support.Api;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * API Gateway (HTTP API, payload v2) in front of the handler: a request becomes the event API
 * Gateway would send, the handler's answer becomes a reply like one the server gives over a socket.
 */
final class Gateway {

  private final RecordingsHandler handler;

  Gateway(RecordingsHandler handler) {
    this.handler = handler;
  }

  Api.Reply get(String path, String token) {
    return send("GET", path, token, null);
  }

  Api.Reply post(String path, String token, String json) {
    return send("POST", path, token, json);
  }

  Api.Reply send(String method, String pathAndQuery, String token, String json) {
    int query = pathAndQuery.indexOf('?');
    String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    String rawQuery = query < 0 ? "" : pathAndQuery.substring(query + 1);
    // API Gateway passes header names in lower case.
    Map<String, String> headers = new HashMap<>(Map.of("host", "abc123.execute-api.us-east-1.amazonaws.com"));
    if (token != null) {
      headers.put("authorization", "Bearer " + token);
    }
    if (json != null) {
      headers.put("content-type", "application/json");
      headers.put("content-length", Integer.toString(json.getBytes(StandardCharsets.UTF_8).length));
    }
    APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath(path)
        .withRawQueryString(rawQuery)
        .withQueryStringParameters(parameters(rawQuery))
        .withHeaders(headers)
        .withBody(json)
        .withIsBase64Encoded(false)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
            .build())
        .build();
    APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
    return new Api.Reply(response.getStatusCode(), headers(response), body(response));
  }

  private static Map<String, String> parameters(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (!rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        String[] nameValue = pair.split("=", 2);
        parameters.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
      }
    }
    return parameters;
  }

  private static HttpHeaders headers(APIGatewayV2HTTPResponse response) {
    Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (response.getMultiValueHeaders() != null) {
      all.putAll(response.getMultiValueHeaders());
    }
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((name, value) -> all.putIfAbsent(name, List.of(value)));
    }
    return HttpHeaders.of(all, (name, value) -> true);
  }

  private static byte[] body(APIGatewayV2HTTPResponse response) {
    String body = response.getBody() == null ? "" : response.getBody();
    return response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
  }
}

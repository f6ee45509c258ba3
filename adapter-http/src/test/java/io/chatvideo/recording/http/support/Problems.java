package io.chatvideo.recording.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on RFC 9457 problem answers. */
public final class Problems {

  private Problems() {}

  /** The reply is a problem with {@code status}; returns its body. */
  public static JsonNode assertProblem(Api.Reply reply, int status) {
    assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
    assertThat(reply.header("Content-Type")).as("content type of %s", reply).startsWith("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("type").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
    return problem;
  }

  /** A 400 problem naming {@code field} in its detail and its {@code field} member. */
  public static JsonNode assertBadField(Api.Reply reply, String field) {
    JsonNode problem = assertProblem(reply, 400);
    assertThat(problem.path("field").asText()).as("field of %s", reply).isEqualTo(field);
    assertThat(problem.get("detail").asText()).contains(field);
    return problem;
  }
}

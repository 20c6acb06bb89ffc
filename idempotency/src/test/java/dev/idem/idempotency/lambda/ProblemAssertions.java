package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Checks that a response is an RFC 9457 problem document and returns it parsed. */
final class ProblemAssertions {

  private ProblemAssertions() {}

  static JsonNode assertProblem(
      int actualStatus, Map<String, String> headers, String body, int status, String type) {
    assertThat(actualStatus).isEqualTo(status);
    assertThat(headers).containsEntry("Content-Type", "application/problem+json");
    JsonNode problem = Fixtures.json(body);
    assertThat(problem.get("type").asText()).isEqualTo("urn:idem:problem:" + type);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.idem");
    return problem;
  }
}

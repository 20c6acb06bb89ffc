package dev.idem.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault API's verbs. LocalStack's Chaos API is described at
 * https://docs.localstack.cloud/user-guide/chaos-engineering/chaos-api/: GET lists, POST replaces,
 * PATCH appends, DELETE removes, each answering the rules in force; {@code []} turns faults off.
 */
class FaultApiTest {

  private final Faults faults = Faults.none();
  private final FaultApi api = new FaultApi(faults);

  @Test
  void localStack_postPatchDeleteGet_eachAnswersTheRulesInForce() {
    String first = "[{\"service\":\"dynamodb\",\"operation\":\"PutItem\"}]";
    String second = "[{\"service\":\"sqs\",\"probability\":0.5}]";

    assertThat(call("POST", "/_localstack/chaos/faults", first).bodyText()).isEqualTo(first);
    assertThat(call("PATCH", "/_localstack/chaos/faults", second).bodyText())
        .isEqualTo(
            "[{\"service\":\"dynamodb\",\"operation\":\"PutItem\"},"
                + "{\"service\":\"sqs\",\"probability\":0.5}]");
    assertThat(call("DELETE", "/_localstack/chaos/faults", first).bodyText()).isEqualTo(second);
    assertThat(call("GET", "/_localstack/chaos/faults", null).bodyText()).isEqualTo(second);
    assertThat(call("POST", "/_localstack/chaos/faults", "[]").bodyText()).isEqualTo("[]");
    assertThat(faults.active()).isFalse();
  }

  @Test
  void localStack_effects_setShowAndRemoveLatency() {
    assertThat(call("POST", "/_localstack/chaos/effects", "{\"latency\": 250}").bodyText())
        .isEqualTo("{\"latency\":250}");
    assertThat(call("GET", "/_localstack/chaos/effects", null).bodyText())
        .isEqualTo("{\"latency\":250}");
    assertThat(faults.active()).isTrue();
    call("POST", "/_localstack/chaos/effects", "{\"latency\": 0}");
    assertThat(faults.active()).isFalse();
  }

  @Test
  void idem_patchNamesRulesOnAndDeleteByName() {
    call("POST", "/_idem/faults", "[{\"kind\":\"sqs-duplicate\"}]");
    JsonNode rules = json(call("PATCH", "/_idem/faults", "[{\"kind\":\"stream-duplicate\"}]"));

    assertThat(rules)
        .extracting(rule -> rule.path("name").asText())
        .containsExactly("rule-1", "rule-2");
    assertThat(
            json(
                call(
                    "DELETE",
                    "/_idem/faults",
                    "[{\"name\":\"rule-1\",\"kind\":\"sqs-duplicate\"}]")))
        .extracting(rule -> rule.path("kind").asText())
        .containsExactly("stream-duplicate");
  }

  @Test
  void badInput_400NamingTheField_rulesInForceUnchanged() {
    call("POST", "/_idem/faults", "[{\"kind\":\"sqs-duplicate\"}]");
    call("POST", "/_localstack/chaos/faults", "[{\"service\":\"sqs\"}]");

    Response unknownField =
        call(
            "PATCH",
            "/_idem/faults",
            "[{\"kind\":\"aws-error\"},{\"kind\":\"aws-error\",\"color\":1}]");
    Response badProbability =
        call("POST", "/_localstack/chaos/faults", "[{\"service\":\"sqs\",\"probability\":2}]");
    Response unknownService = call("POST", "/_localstack/chaos/faults", "[{\"service\":\"s3\"}]");
    Response notJson = call("POST", "/_idem/faults", "[{");

    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(json(unknownField).path("message").asText())
        .startsWith("body[1].color: unknown field");
    assertThat(json(badProbability).path("message").asText())
        .isEqualTo("body[0].probability must be a number between 0 and 1");
    assertThat(json(unknownService).path("message").asText()).contains("unknown service 's3'");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(faults.rules()).extracting(FaultRule::kind).containsExactly(FaultKind.SQS_DUPLICATE);
    assertThat(faults.chaosRules()).containsExactly(new ChaosRule("sqs", null, null, null, null));
  }

  @Test
  void log_countsAndEntriesAfterASequenceNumber() {
    call("POST", "/_idem/faults", "[{\"kind\":\"sqs-duplicate\"}]");
    for (int i = 0; i < 3; i++) {
      faults.decide(
          FaultKind.SQS_DUPLICATE, FaultTarget.builder("m-" + i).put("queue", "Q").build());
    }

    JsonNode log = json(call("GET", "/_idem/faults/log", null, "after=1"));

    assertThat(log.path("total").asLong()).isEqualTo(3);
    assertThat(log.path("byKind").path("sqs-duplicate").asLong()).isEqualTo(3);
    assertThat(log.path("entries"))
        .extracting(e -> e.path("requestId").asText())
        .containsExactly("m-1", "m-2");
    assertThat(log.has("seed")).isTrue();
  }

  @Test
  void otherVerb_405WithAllow() {
    Response response = call("PUT", "/_idem/faults", "[]");

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers())
        .containsEntry("Allow", java.util.List.of("GET, POST, PATCH, DELETE"));
  }

  private Response call(String method, String path, String body) {
    return call(method, path, body, null);
  }

  private Response call(String method, String path, String body, String query) {
    return api.handle(
        new Request(
            method,
            path,
            query,
            Map.of(),
            body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode json(Response response) {
    try {
      return FaultJson.MAPPER.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}

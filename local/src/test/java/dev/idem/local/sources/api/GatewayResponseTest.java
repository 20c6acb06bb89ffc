package dev.idem.local.sources.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.http.Response;
import dev.idem.local.sources.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayResponseTest {

  @Test
  void render_badRequestBodyByDefault_isApiGatewaysOwnMessage() {
    Response response =
        GatewayResponse.badRequestBody()
            .render("BAD_REQUEST_BODY", "Invalid request body", "[x]", "req-1");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers()).containsEntry("Content-Type", List.of("application/json"));
    assertThat(response.bodyText()).isEqualTo("{\"message\":\"Invalid request body\"}");
  }

  @Test
  void render_declaredTemplate_substitutesContextVariablesJsonEscaped() {
    GatewayResponse declared =
        new GatewayResponse(
            422,
            Map.of("content-type", "application/problem+json", "X-Kind", "body"),
            Map.of(
                "text/plain",
                "unused",
                "application/json",
                "{\"detail\":\"$context.error.validationErrorString\","
                    + "\"message\":$context.error.messageString,\"plain\":\"$context.error.message\","
                    + "\"type\":\"$context.error.responseType\",\"id\":\"$context.requestId\"}"));

    Response response =
        declared.render(
            "BAD_REQUEST_BODY", "Invalid request body", "[/a: \"x\" is not allowed]", "req-2");

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.headers())
        .containsEntry("content-type", List.of("application/problem+json"))
        .containsEntry("X-Kind", List.of("body"))
        .doesNotContainKey("Content-Type");
    assertThat(Http.json(response.bodyText()))
        .isEqualTo(
            Http.json(
                "{\"detail\":\"[/a: \\\"x\\\" is not allowed]\",\"message\":\"Invalid request"
                    + " body\",\"plain\":\"Invalid request body\",\"type\":\"BAD_REQUEST_BODY\","
                    + "\"id\":\"req-2\"}"));
  }

  @Test
  void new_statusOutsideHttp_refused() {
    assertThatThrownBy(() -> new GatewayResponse(99, Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** JSON comparison without the sources' package-private mapper leaking into assertions. */
  private static final class Http {
    static com.fasterxml.jackson.databind.JsonNode json(String text) {
      try {
        return Json.MAPPER.readTree(text);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}

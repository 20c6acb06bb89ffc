package dev.idem.local.sources.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.http.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which bodies API Gateway's validator checks, and how
 * (docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html:
 * "If no matching content type is found, request validation is not performed";
 * integration-passthrough-behaviors.html: a request without {@code Content-Type} is taken as {@code
 * application/json}).
 */
class BodyValidatorTest {

  private static final String SCHEMA =
      """
      {"$schema":"http://json-schema.org/draft-04/schema#","type":"object","required":["n"],
       "additionalProperties":false,"properties":{"n":{"type":"integer","maximum":9}}}
      """;
  private static final BodyValidator JSON_ONLY =
      BodyValidator.of(
          new BodyValidation("application/json", SCHEMA, GatewayResponse.badRequestBody()));

  @Test
  void problems_validJsonBody_none() {
    assertThat(JSON_ONLY.problems(post("application/json", "{\"n\":1}"))).isEmpty();
  }

  @Test
  void problems_invalidJsonBody_eachNamed() {
    assertThat(JSON_ONLY.problems(post("application/json", "{\"n\":1.0,\"x\":1}")))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("/n").contains("integer"))
        .anySatisfy(p -> assertThat(p).contains("x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Application/JSON; charset=utf-8", "application/json;charset=UTF-8"})
  void problems_jsonWithParametersOrOtherLetterCase_validated(String contentType) {
    assertThat(JSON_ONLY.problems(post(contentType, "{\"n\":10}"))).hasSize(1);
  }

  @Test
  void problems_noContentType_validatedAsJson() {
    assertThat(JSON_ONLY.problems(post(null, "{\"n\":10}"))).hasSize(1);
  }

  @Test
  void problems_contentTypeWithoutModel_notValidated() {
    assertThat(JSON_ONLY.problems(post("text/plain", "{\"n\":10}"))).isEmpty();
  }

  @Test
  void problems_defaultModel_validatesEveryContentType() {
    BodyValidator any =
        BodyValidator.of(new BodyValidation("$default", SCHEMA, GatewayResponse.badRequestBody()));

    assertThat(any.problems(post("text/plain", "{\"n\":10}"))).hasSize(1);
  }

  @Test
  void problems_emptyBody_validatedAsAnEmptyObject() {
    assertThat(JSON_ONLY.problems(post("application/json", "")))
        .singleElement()
        .asString()
        .contains("n");
  }

  @Test
  void problems_notJson_oneProblem() {
    assertThat(JSON_ONLY.problems(post("application/json", "{\"n\":")))
        .containsExactly("the body is not valid JSON");
  }

  @Test
  void of_modelNotASchema_refused() {
    assertThatThrownBy(() ->
            BodyValidator.of(
                new BodyValidation(
                    "application/json", "not json", GatewayResponse.badRequestBody())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Request post(String contentType, String body) {
    return new Request(
        "POST",
        "/things",
        null,
        contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType)),
        body.getBytes(StandardCharsets.UTF_8));
  }
}

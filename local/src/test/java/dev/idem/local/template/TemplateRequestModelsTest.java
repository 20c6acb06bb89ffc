package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SAM request validation as the local cloud reads it: an {@code Api} event's {@code RequestModel}
 * with {@code ValidateBody}, the model from its API's {@code Models}, and the API's gateway
 * response to an invalid body.
 */
class TemplateRequestModelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String API =
      """
      Resources:
        Api:
          Type: AWS::Serverless::Api
          Properties:
            StageName: dev
            Models:
              Thing:
                type: object
                required: [name]
                properties: {name: {type: string}}
            %s
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Runtime: java21
            CodeUri: app.jar
            Handler: a.B
            Events:
              Post:
                Type: Api
                Properties:
                  RestApiId: !Ref Api
                  Path: /things
                  Method: post
                  %s
      """;

  @Test
  void requestModel_validateBody_readsTheModelForJsonAndApiGatewaysOwnAnswer() throws Exception {
    RequestModel model =
        event("", "RequestModel: {Model: Thing, Required: true, ValidateBody: true}")
            .requestModel();

    assertThat(model.name()).isEqualTo("Thing");
    assertThat(model.contentType()).isEqualTo("application/json");
    assertThat(JSON.readTree(model.schema()))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"object\",\"required\":[\"name\"],"
                    + "\"properties\":{\"name\":{\"type\":\"string\"}}}"));
    assertThat(model.invalidBody()).isNull();
  }

  @Test
  void requestModel_withoutValidateBody_validatesNothing() {
    assertThat(event("", "RequestModel: {Model: Thing}").requestModel()).isNull();
    assertThat(
            event("", "RequestModel: {Model: Thing, ValidateBody: false, ValidateParameters: true}")
                .requestModel())
        .isNull();
    assertThat(event("", "").requestModel()).isNull();
  }

  @Test
  void requestModel_modelNamedInAnotherLetterCase_found() {
    assertThat(event("", "RequestModel: {Model: thing, ValidateBody: true}").requestModel())
        .isNotNull();
  }

  @Test
  void requestModel_unknownModel_failsNamingIt() {
    assertThatThrownBy(() -> event("", "RequestModel: {Model: Other, ValidateBody: true}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("model Other is not in the Models of Api");
  }

  @Test
  void gatewayResponses_badRequestBody_statusStaticHeadersAndTemplates() {
    String responses =
        """
        GatewayResponses:
                BAD_REQUEST_BODY:
                  StatusCode: "422"
                  ResponseParameters:
                    Headers: {Content-Type: "'application/problem+json'", X-From: method.request.header.x}
                  ResponseTemplates: {application/json: '{"detail":"$context.error.validationErrorString"}'}
                UNAUTHORIZED: {StatusCode: "401"}
        """;

    StackSpec stack = specs(responses, "RequestModel: {Model: Thing, ValidateBody: true}");
    RequestModel.InvalidBody invalid = post(stack).requestModel().invalidBody();

    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(invalid.headers())
        .containsExactly(Map.entry("Content-Type", "application/problem+json"));
    assertThat(invalid.templates())
        .containsExactly(
            Map.entry("application/json", "{\"detail\":\"$context.error.validationErrorString\"}"));
    assertThat(stack.notEmulated().properties())
        .extracting(NotEmulated.Item::where)
        .contains(
            "Api.GatewayResponses.UNAUTHORIZED",
            "Api.GatewayResponses.BAD_REQUEST_BODY.ResponseParameters.Headers.X-From")
        .doesNotContain(
            "Api.Models", "Api.GatewayResponses", "Fn.Events.Post.Properties.RequestModel");
  }

  @Test
  void gatewayResponses_onlyDefault4xx_answersInvalidBodies() {
    String responses =
        "GatewayResponses: {DEFAULT_4XX: {ResponseTemplates: {application/json: '{}'}}}";

    RequestModel.InvalidBody invalid =
        event(responses, "RequestModel: {Model: Thing, ValidateBody: true}")
            .requestModel()
            .invalidBody();

    assertThat(invalid.statusCode()).isNull();
    assertThat(invalid.templates()).containsEntry("application/json", "{}");
    assertThat(specs(responses, "").notEmulated().properties())
        .extracting(NotEmulated.Item::where)
        .contains("Api.GatewayResponses.DEFAULT_4XX");
  }

  private static ApiEvent event(String apiProperties, String eventProperties) {
    return post(specs(apiProperties, eventProperties));
  }

  private static ApiEvent post(StackSpec stack) {
    return (ApiEvent) stack.function("Fn").orElseThrow().events().get(0);
  }

  private static StackSpec specs(String apiProperties, String eventProperties) {
    return Template.parse(API.formatted(apiProperties, eventProperties), Path.of("/t"), Map.of())
        .specs();
  }
}

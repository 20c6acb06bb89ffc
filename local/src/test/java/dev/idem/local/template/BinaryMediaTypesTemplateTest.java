package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An API's {@code BinaryMediaTypes} reach the stage of its routes. Sources: SAM's {@code
 * AWS::Serverless::Api} {@code BinaryMediaTypes} (and {@code Globals.Api}, which SAM applies to the
 * implicit API too), CloudFormation's {@code AWS::ApiGateway::RestApi} {@code BinaryMediaTypes}
 * ({@code ~1} for {@code /}).
 */
class BinaryMediaTypesTemplateTest {

  private static final String FUNCTION =
      """
      Transform: AWS::Serverless-2016-10-31
      %s
      Resources:
        %s
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Runtime: java21
            CodeUri: app.jar
            Handler: app.Handler
            Events:
              Upload:
                Type: Api
                Properties:
                  Path: /upload
                  Method: post
                  %s
      """;

  @Test
  void specs_samApiBinaryMediaTypes_onTheRoutesStage() {
    String api =
        """
        Api:
          Type: AWS::Serverless::Api
          Properties:
            StageName: dev
            BinaryMediaTypes: ["image~1png", "application/octet-stream"]
        """
            .indent(2)
            .strip();
    ApiEvent route = route(FUNCTION.formatted("", api, "RestApiId: !Ref Api"));

    assertThat(route.stage().binaryMediaTypes())
        .containsExactly("image~1png", "application/octet-stream");
  }

  @Test
  void specs_globalsApiBinaryMediaTypes_onTheImplicitApisStage() {
    String globals = "Globals:\n  Api:\n    BinaryMediaTypes: ['image~1*']";
    ApiEvent route = route(FUNCTION.formatted(globals, "", ""));

    assertThat(route.stage().binaryMediaTypes()).containsExactly("image~1*");
  }

  @Test
  void specs_noBinaryMediaTypes_emptyList() {
    ApiEvent route = route(FUNCTION.formatted("", "", ""));

    assertThat(route.stage().binaryMediaTypes()).isEmpty();
  }

  private static ApiEvent route(String yaml) {
    StackSpec stack = Template.parse(yaml, Path.of("/app"), Map.of()).specs();
    return (ApiEvent) stack.function("Fn").orElseThrow().events().get(0);
  }
}

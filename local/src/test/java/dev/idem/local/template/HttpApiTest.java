package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP APIs: {@code AWS::ApiGatewayV2::*} as CDK synthesizes them, and SAM's HttpApi events. */
class HttpApiTest {

  private static final String API =
      """
      , "Http": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "app", "ProtocolType": "HTTP"}},
      "HttpStage": {"Type": "AWS::ApiGatewayV2::Stage",
        "Properties": {"ApiId": {"Ref": "Http"}, "StageName": "$default", "AutoDeploy": true,
                       "StageVariables": {"color": "green"}}},
      "HttpIntegration": {"Type": "AWS::ApiGatewayV2::Integration",
        "Properties": {"ApiId": {"Ref": "Http"}, "IntegrationType": "AWS_PROXY",
                       "IntegrationUri": {"Ref": "FnAlias"}, "PayloadFormatVersion": "%s"}},
      "GetItem": {"Type": "AWS::ApiGatewayV2::Route",
        "Properties": {"ApiId": {"Ref": "Http"}, "RouteKey": "GET /items/{id}",
          "Target": {"Fn::Join": ["", ["integrations/", {"Ref": "HttpIntegration"}]]},
          "AuthorizationType": "NONE"}},
      "Fallback": {"Type": "AWS::ApiGatewayV2::Route",
        "Properties": {"ApiId": {"Ref": "Http"}, "RouteKey": "$default",
          "Target": {"Fn::Join": ["", ["integrations/", {"Ref": "HttpIntegration"}]]}}}
      """;

  @TempDir Path assembly;

  private List<ApiEvent> routes(String format) {
    return CdkTemplates.specs(assembly, CdkTemplates.FUNCTION + API.formatted(format))
        .functions()
        .get(0)
        .events()
        .stream()
        .map(ApiEvent.class::cast)
        .toList();
  }

  @Test
  void specs_routesWithAProxyIntegration_version2EventsOnTheStage() {
    List<ApiEvent> routes = routes("2.0");

    assertThat(routes)
        .extracting(ApiEvent::name, ApiEvent::method, ApiEvent::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GetItem", "GET", "/items/{id}"),
            org.assertj.core.groups.Tuple.tuple("Fallback", "ANY", ApiEvent.DEFAULT_ROUTE));
    assertThat(routes.get(0).stage())
        .isEqualTo(
            new ApiStage(ApiStage.Kind.HTTP, "Http", "$default", Map.of("color", "green"), "2.0"));
  }

  @Test
  void specs_integrationOfFormat1_version1Events() {
    assertThat(routes("1.0").get(0).stage().payloadFormat()).isEqualTo("1.0");
  }

  @Test
  void specs_quickCreateApi_defaultRouteToItsTarget() {
    String api =
        """
        , "Quick": {"Type": "AWS::ApiGatewayV2::Api",
          "Properties": {"ProtocolType": "HTTP", "Target": {"Fn::GetAtt": ["Fn", "Arn"]}}}
        """;

    ApiEvent route =
        (ApiEvent)
            CdkTemplates.specs(assembly, CdkTemplates.FUNCTION + api)
                .functions()
                .get(0)
                .events()
                .get(0);

    assertThat(route.path()).isEqualTo(ApiEvent.DEFAULT_ROUTE);
    assertThat(route.stage().kind()).isEqualTo(ApiStage.Kind.HTTP);
  }

  @Test
  void specs_webSocketApi_reportedNotEmulated() {
    String api =
        """
        , "Socket": {"Type": "AWS::ApiGatewayV2::Api",
          "Properties": {"ProtocolType": "WEBSOCKET", "RouteSelectionExpression": "$request.body.a"}}
        """;

    StackSpec stack = CdkTemplates.specs(assembly, CdkTemplates.FUNCTION + api);

    assertThat(stack.notEmulated().resources())
        .extracting(NotEmulated.Item::what)
        .containsExactly("AWS::ApiGatewayV2::Api (protocol WEBSOCKET)");
  }

  @Test
  void specs_samHttpApiEvents_explicitAndImplicitApi() throws Exception {
    Files.writeString(assembly.resolve("app.jar"), "a jar");
    String yaml =
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Api:
            Type: AWS::Serverless::HttpApi
            Properties: {StageName: v1, StageVariables: {tier: gold}}
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java21
              CodeUri: app.jar
              Handler: app.H
              Events:
                Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /items, Method: get}}
                Old: {Type: HttpApi, Properties: {Path: /old, Method: post, PayloadFormatVersion: "1.0"}}
                Rest: {Type: HttpApi}
        """;

    List<FunctionEvent> events =
        Template.parse(yaml, assembly, Map.of()).specs().functions().get(0).events();

    assertThat(events)
        .containsExactly(
            new ApiEvent(
                "Get",
                "/items",
                "GET",
                null,
                new ApiStage(ApiStage.Kind.HTTP, "Api", "v1", Map.of("tier", "gold"), "2.0")),
            new ApiEvent(
                "Old",
                "/old",
                "POST",
                null,
                new ApiStage(ApiStage.Kind.HTTP, "ServerlessHttpApi", "$default", Map.of(), "1.0")),
            new ApiEvent(
                "Rest",
                ApiEvent.DEFAULT_ROUTE,
                "ANY",
                null,
                new ApiStage(
                    ApiStage.Kind.HTTP, "ServerlessHttpApi", "$default", Map.of(), "2.0")));
  }
}

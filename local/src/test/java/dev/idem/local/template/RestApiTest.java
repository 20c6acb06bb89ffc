package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST APIs as CDK's {@code RestApi} synthesizes them: a resource tree, methods with Lambda proxy
 * integrations on the function's alias, a deployment and a stage with variables, request
 * validation.
 */
class RestApiTest {

  private static final String API =
      """
      , "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "app"}},
      "ApiItems": {
        "Type": "AWS::ApiGateway::Resource",
        "Properties": {"ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "PathPart": "items",
                       "RestApiId": {"Ref": "Api"}}
      },
      "ApiItemsId": {
        "Type": "AWS::ApiGateway::Resource",
        "Properties": {"ParentId": {"Ref": "ApiItems"}, "PathPart": "{id}", "RestApiId": {"Ref": "Api"}}
      },
      "ApiFiles": {
        "Type": "AWS::ApiGateway::Resource",
        "Properties": {"ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "PathPart": "{proxy+}",
                       "RestApiId": {"Ref": "Api"}}
      },
      "ApiDeployment": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": {"Ref": "Api"}}},
      "ApiStage": {
        "Type": "AWS::ApiGateway::Stage",
        "Properties": {"RestApiId": {"Ref": "Api"}, "DeploymentId": {"Ref": "ApiDeployment"},
                       "StageName": "dev", "Variables": {"color": "blue"}}
      }\
      """;

  @TempDir Path assembly;

  private static String method(String id, String resource, String verb, String extra) {
    return """
    , "%s": {
      "Type": "AWS::ApiGateway::Method",
      "Properties": {
        "HttpMethod": "%s", "AuthorizationType": "NONE", "RestApiId": {"Ref": "Api"},
        "ResourceId": %s,
        "Integration": {
          "Type": "AWS_PROXY", "IntegrationHttpMethod": "POST",
          "Uri": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":apigateway:",
            {"Ref": "AWS::Region"}, ":lambda:path/2015-03-31/functions/", {"Ref": "FnAlias"},
            "/invocations"]]}
        }%s
      }
    }\
    """
        .formatted(id, verb, resource, extra);
  }

  private StackSpec specs(String methods) {
    return CdkTemplates.specs(assembly, CdkTemplates.FUNCTION + API + methods);
  }

  private List<ApiEvent> routes(String methods) {
    return specs(methods).functions().get(0).events().stream().map(ApiEvent.class::cast).toList();
  }

  @Test
  void specs_methodsOnTheResourceTree_routesToTheAliasesFunction() {
    List<ApiEvent> routes =
        routes(
            method("GetItem", "{\"Ref\": \"ApiItemsId\"}", "GET", "")
                + method("PostItems", "{\"Ref\": \"ApiItems\"}", "POST", "")
                + method("AnyFile", "{\"Ref\": \"ApiFiles\"}", "ANY", "")
                + method("GetRoot", "{\"Fn::GetAtt\": [\"Api\", \"RootResourceId\"]}", "GET", ""));

    assertThat(routes)
        .extracting(ApiEvent::name, ApiEvent::method, ApiEvent::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GetItem", "GET", "/items/{id}"),
            org.assertj.core.groups.Tuple.tuple("PostItems", "POST", "/items"),
            org.assertj.core.groups.Tuple.tuple("AnyFile", "ANY", "/{proxy+}"),
            org.assertj.core.groups.Tuple.tuple("GetRoot", "GET", "/"));
  }

  @Test
  void specs_stage_nameAndVariablesOnEveryRoute() {
    ApiEvent route = routes(method("GetItem", "{\"Ref\": \"ApiItemsId\"}", "GET", "")).get(0);

    assertThat(route.stage())
        .isEqualTo(new ApiStage(ApiStage.Kind.REST, "Api", "dev", Map.of("color", "blue"), "1.0"));
  }

  @Test
  void specs_restApiBinaryMediaTypes_onEveryRoutesStage() {
    // CloudFormation AWS::ApiGateway::RestApi BinaryMediaTypes: "~1" escapes "/".
    String api =
        API.replace(
            "\"Properties\": {\"Name\": \"app\"}",
            "\"Properties\": {\"Name\": \"app\", \"BinaryMediaTypes\": [\"image~1png\"]}");
    StackSpec stack =
        CdkTemplates.specs(
            assembly,
            CdkTemplates.FUNCTION
                + api
                + method("GetItem", "{\"Ref\": \"ApiItemsId\"}", "GET", ""));

    ApiEvent route = (ApiEvent) stack.functions().get(0).events().get(0);
    assertThat(route.stage().binaryMediaTypes()).containsExactly("image~1png");
  }

  @Test
  void specs_deploymentStageNameWithoutAStage_usedAsTheStage() {
    String api =
        API.replace("\"StageName\": \"dev\"", "\"StageName\": \"ignored\"")
            .replace("\"Type\": \"AWS::ApiGateway::Stage\"", "\"Type\": \"AWS::SNS::Topic\"")
            .replace(
                "\"Properties\": {\"RestApiId\": {\"Ref\": \"Api\"}}}",
                "\"Properties\": {\"RestApiId\": {\"Ref\": \"Api\"}, \"StageName\": \"v1\","
                    + " \"StageDescription\": {\"Variables\": {\"a\": \"b\"}}}}");
    StackSpec stack =
        CdkTemplates.specs(
            assembly,
            CdkTemplates.FUNCTION
                + api
                + method("GetItem", "{\"Ref\": \"ApiItemsId\"}", "GET", ""));

    ApiEvent route = (ApiEvent) stack.functions().get(0).events().get(0);
    assertThat(route.stage().name()).isEqualTo("v1");
    assertThat(route.stage().variables()).containsExactly(Map.entry("a", "b"));
  }

  @Test
  void specs_validatorModelAndGatewayResponse_requestModelOfTheMethod() {
    String validation =
        """
        , "Validator": {"Type": "AWS::ApiGateway::RequestValidator",
          "Properties": {"RestApiId": {"Ref": "Api"}, "ValidateRequestBody": true}},
        "ItemModel": {"Type": "AWS::ApiGateway::Model",
          "Properties": {"RestApiId": {"Ref": "Api"}, "ContentType": "application/json",
                         "Schema": {"type": "object", "required": ["name"]}}},
        "InvalidBody": {"Type": "AWS::ApiGateway::GatewayResponse",
          "Properties": {"RestApiId": {"Ref": "Api"}, "ResponseType": "BAD_REQUEST_BODY",
            "StatusCode": "422",
            "ResponseParameters": {"gatewayresponse.header.Content-Type": "'application/problem+json'"},
            "ResponseTemplates": {"application/json": "{\\"detail\\":\\"$context.error.validationErrorString\\"}"}}}
        """;
    String extra =
        """
        , "RequestValidatorId": {"Ref": "Validator"},
          "RequestModels": {"application/json": {"Ref": "ItemModel"}}\
        """;

    ApiEvent route =
        CdkTemplates.specs(
                assembly,
                CdkTemplates.FUNCTION
                    + API
                    + validation
                    + method("PostItems", "{\"Ref\": \"ApiItems\"}", "POST", extra))
            .functions()
            .get(0)
            .events()
            .stream()
            .map(ApiEvent.class::cast)
            .findFirst()
            .orElseThrow();

    RequestModel model = route.requestModel();
    assertThat(model.name()).isEqualTo("ItemModel");
    assertThat(model.contentType()).isEqualTo("application/json");
    assertThat(model.schema()).isEqualTo("{\"type\":\"object\",\"required\":[\"name\"]}");
    assertThat(model.invalidBody().statusCode()).isEqualTo(422);
    assertThat(model.invalidBody().headers())
        .containsExactly(Map.entry("Content-Type", "application/problem+json"));
    assertThat(model.invalidBody().templates()).containsKey("application/json");
  }

  @Test
  void specs_mockIntegrationAndAuthorizer_reportedNotEmulated() {
    String mock =
        """
        , "Options": {"Type": "AWS::ApiGateway::Method",
          "Properties": {"HttpMethod": "OPTIONS", "ResourceId": {"Ref": "ApiItems"},
            "RestApiId": {"Ref": "Api"}, "Integration": {"Type": "MOCK"}}}
        """;
    StackSpec stack =
        specs(
            mock
                + method("GetItem", "{\"Ref\": \"ApiItemsId\"}", "GET", "")
                    .replace(
                        "\"AuthorizationType\": \"NONE\"",
                        "\"AuthorizationType\": \"COGNITO_USER_POOLS\""));

    assertThat(stack.functions().get(0).events()).hasSize(1);
    assertThat(stack.notEmulated().properties())
        .extracting(NotEmulated.Item::what)
        .contains(
            "Integration of type MOCK",
            "AuthorizationType COGNITO_USER_POOLS (requests are not authorized locally)")
        .doesNotContain("Variables", "StageName", "PathPart", "HttpMethod");
  }

  @Test
  void specs_methodOnAResourceOfNoApi_failsNamingTheProperty() {
    assertThatThrownBy(() -> specs(method("GetItem", "\"nowhere\"", "GET", "")))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("GetItem.ResourceId: nowhere is no AWS::ApiGateway::Resource");
  }

  @Test
  void specs_integrationOfAFunctionOutsideTheStack_reportedNotEmulated() {
    String outside =
        method("GetItem", "{\"Ref\": \"ApiItemsId\"}", "GET", "")
            .replace("{\"Ref\": \"FnAlias\"}", "\"arn:aws:lambda:us-east-1:1:function:shared\"");

    StackSpec stack = specs(outside);

    assertThat(stack.functions().get(0).events()).isEmpty();
    assertThat(stack.notEmulated().properties())
        .extracting(NotEmulated.Item::where)
        .contains("GetItem.Integration");
  }
}

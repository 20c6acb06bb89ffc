package dev.idem.infra.constructs;

import static dev.idem.infra.support.CfnTemplate.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.events.ApiSchemas;
import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import dev.idem.infra.support.CfnYaml;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

class OrdersApiTest {

  private static Stack stack;
  private static CfnTemplate template;
  private static OrdersApi api;
  private static String placeOrderAlias;
  private static String getOrderAlias;

  @BeforeAll
  static void synthesize() {
    App app = CdkTest.app();
    stack = new Stack(app, "Api");
    IdempotentFunction placeOrder = function("PlaceOrder");
    IdempotentFunction getOrder = function("GetOrder");
    api =
        new OrdersApi(
            stack,
            "Orders",
            OrdersApiProps.builder(placeOrder, getOrder)
                .stageName("test")
                .apiName("orders-test")
                .throttlingRateLimit(50)
                .throttlingBurstLimit(60)
                .accessLogGroupName("/orders/test/access")
                .build());
    placeOrderAlias = CdkTest.logicalId(placeOrder.alias());
    getOrderAlias = CdkTest.logicalId(getOrder.alias());
    template = new CfnTemplate(CdkTest.synthesize(app, stack).get("Api"));
  }

  private static IdempotentFunction function(String name) {
    return new IdempotentFunction(
        stack,
        name,
        IdempotentFunctionProps.builder("com.example." + name + "::handleRequest")
            .code(CdkTest.functionsCode())
            .build());
  }

  @Test
  void stage_settings_throttleTraceAndLogEveryMethod() {
    Object stage = at(template.only("AWS::ApiGateway::Stage"), "Properties");

    assertThat(at(stage, "StageName")).isEqualTo("test");
    assertThat(at(stage, "TracingEnabled")).isEqualTo(true);
    assertThat(at(stage, "MethodSettings"))
        .isEqualTo(
            List.of(
                Map.of(
                    "DataTraceEnabled",
                    false,
                    "HttpMethod",
                    "*",
                    "LoggingLevel",
                    "ERROR",
                    "MetricsEnabled",
                    true,
                    "ResourcePath",
                    "/*",
                    "ThrottlingBurstLimit",
                    60,
                    "ThrottlingRateLimit",
                    50)));
    assertThat(at(template.only("AWS::ApiGateway::RestApi"), "Properties"))
        .isEqualTo(
            Map.of(
                "Description", "Idem orders: POST /orders, GET /orders/{orderId}",
                "EndpointConfiguration", Map.of("Types", List.of("REGIONAL")),
                "Name", "orders-test"));
  }

  @Test
  void accessLogs_stage_areOneJsonObjectPerRequestInTheirLogGroup() {
    Object setting = at(template.only("AWS::ApiGateway::Stage"), "Properties", "AccessLogSetting");
    Object group = template.resources().get(CdkTest.logicalId(api.accessLogs()));

    Object format = CfnYaml.parse((String) at(setting, "Format"));
    assertThat(format)
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("requestId", "$context.requestId")
        .containsEntry("status", "$context.status")
        .containsEntry("xrayTraceId", "$context.xrayTraceId")
        .hasSize(15);
    assertThat(CfnTemplate.target(at(setting, "DestinationArn")))
        .isEqualTo(CdkTest.logicalId(api.accessLogs()));
    assertThat(at(group, "Properties", "LogGroupName")).isEqualTo("/orders/test/access");
    assertThat(at(group, "Properties", "RetentionInDays")).isEqualTo(30);
  }

  @Test
  void postOrders_body_isValidatedAgainstTheModel() {
    Object post = method("POST");
    Object validator = at(template.only("AWS::ApiGateway::RequestValidator"), "Properties");

    assertThat(at(validator, "ValidateRequestBody")).isEqualTo(true);
    assertThat(CfnTemplate.target(at(post, "RequestValidatorId")))
        .isEqualTo(template.ofType("AWS::ApiGateway::RequestValidator").keySet().iterator().next());
    assertThat(CfnTemplate.target(at(post, "RequestModels", "application/json")))
        .isEqualTo(template.ofType("AWS::ApiGateway::Model").keySet().iterator().next());
  }

  @Test
  void postOrders_idempotencyKey_isLeftToTheFunctionsOwnAnswer() {
    assertThat(at(method("POST"), "RequestParameters")).isNull();
    assertThat(at(method("GET"), "RequestParameters")).isNull();
  }

  @Test
  void model_placeOrderBody_isTheEventsModulesRequestSchema() {
    Object model = at(template.only("AWS::ApiGateway::Model"), "Properties");

    assertThat(at(model, "ContentType")).isEqualTo("application/json");
    assertThat(at(model, "Schema")).isEqualTo(CfnYaml.parse(ApiSchemas.placeOrderRequest()));
    assertThat(at(model, "Schema", "additionalProperties")).isEqualTo(false);
    assertThat(at(model, "Schema", "properties", "lines", "items", "additionalProperties"))
        .isEqualTo(false);
  }

  @Test
  void routes_integrations_invokeTheFunctionsAliases() {
    assertThat(CfnTemplate.targets(at(method("POST"), "Integration", "Uri")))
        .contains(placeOrderAlias);
    assertThat(CfnTemplate.targets(at(method("GET"), "Integration", "Uri")))
        .contains(getOrderAlias);
    assertThat(template.ofType("AWS::Lambda::Permission").values())
        .extracting(p -> CfnTemplate.target(at(p, "Properties", "FunctionName")))
        .containsOnly(placeOrderAlias, getOrderAlias);
  }

  @Test
  void invalidBody_gatewayResponse_isAProblemDocumentLikeTheFunctions() {
    Object p = at(template.only("AWS::ApiGateway::GatewayResponse"), "Properties");
    Object problem = CfnYaml.parse((String) at(p, "ResponseTemplates", "application/json"));

    assertThat(at(p, "ResponseType")).isEqualTo("BAD_REQUEST_BODY");
    assertThat(at(p, "StatusCode")).isEqualTo("400");
    assertThat(at(p, "ResponseParameters", "gatewayresponse.header.Content-Type"))
        .isEqualTo("'application/problem+json'");
    assertThat(at(problem, "type")).isEqualTo("urn:idem:problem:invalid-request");
    assertThat(at(problem, "status")).isEqualTo(400);
    assertThat(at(problem, "detail")).isEqualTo("$context.error.validationErrorString");
  }

  @Test
  void logging_account_usesAnApiGatewayRoleThatOutlivesTheStack() {
    Object account = at(template.only("AWS::ApiGateway::Account"), "Properties");
    String role = CfnTemplate.target(at(account, "CloudWatchRoleArn"));

    assertThat(template.resources().get(role).get("DeletionPolicy")).isEqualTo("Retain");
    assertThat(template.properties(role).get("ManagedPolicyArns").toString())
        .contains("AmazonAPIGatewayPushToCloudWatchLogs");
  }

  @Test
  void url_stage_isTheStageBaseWithoutTrailingSlash() {
    List<?> parts = (List<?>) ((List<?>) at(stack.resolve(api.url()), "Fn::Join")).get(1);

    assertThat(parts.get(0)).isEqualTo("https://");
    assertThat(parts.get(parts.size() - 1)).isEqualTo("/test");
    assertThat(template.json()).doesNotContainKey("Outputs");
  }

  @Test
  void nag_api_reportsNoUnsuppressedFinding() {
    CdkTest.assertNagClean(stack);
  }

  private static Object method(String httpMethod) {
    return template.ofType("AWS::ApiGateway::Method").values().stream()
        .map(m -> at(m, "Properties"))
        .filter(p -> httpMethod.equals(at(p, "HttpMethod")))
        .findFirst()
        .orElseThrow();
  }
}

package dev.idem.infra.constructs;

import dev.idem.events.ApiSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.CfnModel;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The orders REST API: {@code POST /orders} and {@code GET /orders/{orderId}} on the functions'
 * aliases; the {@code POST} body validated against a model before PlaceOrder runs, an invalid one
 * answered as {@code application/problem+json} of type {@code invalid-request}, as PlaceOrder
 * answers it; per-method throttling, JSON access logs, X-Ray tracing, and the account's API Gateway
 * logging role. The {@code Idempotency-Key} header is left to the function: its answer to a missing
 * key ({@code idempotency-key-missing}) says how to fix the request, and is the same behind SAM.
 *
 * {@snippet :
 * OrdersApi api =
 *     new OrdersApi(this, "Api", OrdersApiProps.builder(placeOrder, getOrder).stageName("prod").build());
 * }
 */
public final class OrdersApi extends Construct {

  private final LogGroup accessLogs;
  private final RestApi api;
  private final String stageName;

  /** Creates the API, its stage, validation, access log group and integrations. */
  public OrdersApi(Construct scope, String id, OrdersApiProps props) {
    super(scope, id);
    this.stageName = props.stageName();
    this.accessLogs =
        LogGroup.Builder.create(this, "AccessLogs")
            .logGroupName(props.accessLogGroupName())
            .retention(props.accessLogRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    this.api =
        RestApi.Builder.create(this, "Api")
            .restApiName(props.apiName())
            .description("Idem orders: POST /orders, GET /orders/{orderId}")
            .endpointTypes(List.of(EndpointType.REGIONAL))
            .cloudWatchRole(true)
            .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
            .deployOptions(stage(props))
            .build();
    // RestApi adds an "Endpoint" output with a generated name; url() serves, under a name the
    // stack chooses (the orders stack's "ApiUrl", as in template.yaml).
    api.getNode().tryRemoveChild("Endpoint");
    routes(props);
    invalidBodyResponse();
    NagRules.api(api);
  }

  /** The REST API. */
  public RestApi restApi() {
    return api;
  }

  /** The access log group. */
  public ILogGroup accessLogs() {
    return accessLogs;
  }

  /** The stage's base URL, without a trailing slash. */
  public String url() {
    return "https://"
        + api.getRestApiId()
        + ".execute-api."
        + Aws.REGION
        + "."
        + Aws.URL_SUFFIX
        + "/"
        + stageName;
  }

  private StageOptions stage(OrdersApiProps props) {
    return StageOptions.builder()
        .stageName(props.stageName())
        .tracingEnabled(true)
        .throttlingRateLimit(props.throttlingRateLimit())
        .throttlingBurstLimit(props.throttlingBurstLimit())
        .metricsEnabled(true)
        .loggingLevel(MethodLoggingLevel.ERROR)
        .dataTraceEnabled(false)
        .accessLogDestination(new LogGroupLogDestination(accessLogs))
        .accessLogFormat(AccessLogFormat.custom(accessLogFormat()))
        .build();
  }

  private void routes(OrdersApiProps props) {
    RequestValidator validator =
        api.addRequestValidator(
            "Validator",
            // Parameters too (cdk-nag's APIG2 wants both); none is declared required, so the
            // Idempotency-Key header stays the function's to check.
            RequestValidatorOptions.builder()
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build());
    Resource orders = api.getRoot().addResource("orders");
    orders.addMethod(
        "POST",
        new LambdaIntegration(props.placeOrder().alias()),
        MethodOptions.builder()
            .requestValidator(validator)
            .requestModels(Map.of("application/json", placeOrderModel()))
            .build());
    orders
        .addResource("{orderId}")
        .addMethod("GET", new LambdaIntegration(props.getOrder().alias()));
  }

  /**
   * The body PlaceOrder accepts: the request schema the events module ships ({@link
   * ApiSchemas#placeOrderRequest()}), the model template.yaml declares too. API Gateway refuses
   * what the function would refuse, without invoking it; the rules draft 4 cannot state (a SKU
   * repeated across lines, the body's size) stay the function's.
   */
  private Model placeOrderModel() {
    Map<String, Object> schema = PlaceOrderRequestSchema.read();
    Model model =
        api.addModel(
            "PlaceOrderRequest",
            ModelOptions.builder()
                .contentType("application/json")
                .description("POST /orders body: a customer, a currency and 1 to 50 order lines")
                .schema(JsonSchema.builder().build())
                .build());
    // JsonSchema cannot be read from a file, so the model's CloudFormation schema is set to the
    // file itself; the deployment's id follows it, so a changed schema is deployed.
    ((CfnModel) model.getNode().getDefaultChild()).setSchema(schema);
    api.getLatestDeployment().addToLogicalId(Map.of("placeOrderRequestSchema", schema));
    return model;
  }

  private void invalidBodyResponse() {
    String problem =
        "{\"type\":\"urn:idem:problem:invalid-request\",\"title\":\"Invalid request\","
            + "\"status\":400,\"detail\":\"$context.error.validationErrorString\"}";
    api.addGatewayResponse(
        "InvalidBody",
        GatewayResponseOptions.builder()
            .type(ResponseType.BAD_REQUEST_BODY)
            .statusCode("400")
            .responseHeaders(Map.of("Content-Type", "'application/problem+json'"))
            .templates(Map.of("application/json", problem))
            .build());
  }

  /** One JSON object per request, the same fields as template.yaml's access log. */
  static String accessLogFormat() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("requestId", "$context.requestId");
    fields.put("extendedRequestId", "$context.extendedRequestId");
    fields.put("requestTime", "$context.requestTime");
    fields.put("httpMethod", "$context.httpMethod");
    fields.put("resourcePath", "$context.resourcePath");
    fields.put("path", "$context.path");
    fields.put("status", "$context.status");
    fields.put("responseLength", "$context.responseLength");
    fields.put("responseLatency", "$context.responseLatency");
    fields.put("integrationStatus", "$context.integration.status");
    fields.put("integrationLatency", "$context.integration.latency");
    fields.put("integrationError", "$context.integration.error");
    fields.put("sourceIp", "$context.identity.sourceIp");
    fields.put("userAgent", "$context.identity.userAgent");
    fields.put("xrayTraceId", "$context.xrayTraceId");
    return fields.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }
}

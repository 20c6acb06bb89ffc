package dev.idem.local.sources.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.http.HttpEndpoint;
import dev.idem.local.sources.Json;
import dev.idem.local.sources.RecordingInvoker;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.WarmFunction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * API Gateway's request body validation over real HTTP, in front of a real function: a body that
 * fails the method's model gets 400 and the function is not invoked; a body the model does not
 * apply to passes through. As documented in the API Gateway Developer Guide, "Request validation
 * for REST APIs in API Gateway"
 * (docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html):
 * "When the validation fails, API Gateway immediately fails the request, returns a 400 error
 * response to the caller"; "If no matching content type is found, request validation is not
 * performed". The response is the {@code BAD_REQUEST_BODY} gateway response
 * (supported-gateway-response-types.html), by default {@code {"message":"Invalid request body"}}.
 */
class ApiRequestValidationIT {

  private static final String FUNCTION = "api";
  private static final String SCHEMA =
      """
      {"$schema":"http://json-schema.org/draft-04/schema#","type":"object","required":["sku"],
       "additionalProperties":false,"properties":{"sku":{"type":"string","minLength":1}}}
      """;
  private static final GatewayResponse PROBLEM =
      new GatewayResponse(
          400,
          Map.of("Content-Type", "application/problem+json"),
          Map.of(
              "application/json",
              "{\"type\":\"urn:idem:problem:invalid-request\",\"status\":400,"
                  + "\"detail\":\"$context.error.validationErrorString\"}"));
  private static final List<ApiRoute> ROUTES =
      List.of(
          new ApiRoute(
              "POST",
              "/orders",
              FUNCTION,
              new BodyValidation("application/json", SCHEMA, GatewayResponse.badRequestBody())),
          new ApiRoute(
              "POST",
              "/problems",
              FUNCTION,
              new BodyValidation("application/json", SCHEMA, PROBLEM)),
          new ApiRoute("POST", "/open", FUNCTION));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static final WarmFunction WARM =
      new WarmFunction(FUNCTION, "ApiHandler", 1, "{\"path\":\"/warm\"}");

  private static RecordingInvoker invoker;
  private static HttpEndpoint endpoint;

  private int callsBefore;

  @BeforeAll
  static void start() throws Exception {
    invoker = new RecordingInvoker(WARM.runtime());
    endpoint = HttpEndpoint.start("api", 0, new ApiGateway(ROUTES, SourceContext.of(invoker)));
  }

  @AfterAll
  static void stop() {
    endpoint.close();
  }

  @BeforeEach
  void countCalls() {
    callsBefore = invoker.calls().size();
  }

  @Test
  void post_bodyFailingTheModel_400InvalidRequestBodyAndTheFunctionNotInvoked() throws Exception {
    HttpResponse<String> unknownField =
        post("/orders", "application/json", "{\"sku\":\"A\",\"x\":1}");
    HttpResponse<String> wrongType = post("/orders", "application/json", "{\"sku\":7}");
    HttpResponse<String> notJson = post("/orders", "application/json", "{\"sku\":");

    for (HttpResponse<String> response : List.of(unknownField, wrongType, notJson)) {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).isEqualTo("{\"message\":\"Invalid request body\"}");
      assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("BadRequestException");
      assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }
    assertThat(invoker.calls()).hasSize(callsBefore);
  }

  @Test
  void post_bodyFailingTheModel_declaredGatewayResponseWithTheValidationErrors() throws Exception {
    HttpResponse<String> response = post("/problems", "application/json", "{\"sku\":\"\",\"x\":1}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = Json.parse(response.body().getBytes()).orElseThrow();
    assertThat(problem.path("type").asText()).isEqualTo("urn:idem:problem:invalid-request");
    assertThat(problem.path("detail").asText()).startsWith("[").contains("/sku").contains("x");
    assertThat(invoker.calls()).hasSize(callsBefore);
  }

  @Test
  void post_validBody_invokesTheFunction() throws Exception {
    HttpResponse<String> response =
        post("/orders", "application/json; charset=utf-8", "{\"sku\":\"A\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("handled POST /orders");
    assertThat(invoker.calls()).hasSize(callsBefore + 1);
  }

  @Test
  void post_contentTypeWithoutModelOrRouteWithoutValidation_passesThrough() throws Exception {
    HttpResponse<String> text = post("/orders", "text/plain", "{\"sku\":7}");
    HttpResponse<String> open = post("/open", "application/json", "{\"sku\":7}");

    assertThat(text.statusCode()).isEqualTo(201);
    assertThat(open.statusCode()).isEqualTo(201);
    assertThat(invoker.calls()).hasSize(callsBefore + 2);
  }

  private static HttpResponse<String> post(String path, String contentType, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(endpoint.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .POST(BodyPublishers.ofString(body))
            .build(),
        BodyHandlers.ofString());
  }
}

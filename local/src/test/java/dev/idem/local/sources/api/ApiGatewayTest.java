package dev.idem.local.sources.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.InvocationSource;
import dev.idem.local.lambda.Invoker;
import dev.idem.local.sources.SourceContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * API Gateway's own answers around a REST proxy integration. Sources: AWS developer guide, "Gateway
 * response types for API Gateway" (INTEGRATION_FAILURE 504 is not what a function error gives: a
 * Lambda function error or a malformed answer is 502 {@code Internal server error}, as LocalStack's
 * AWS-validated {@code test_lambda_aws_proxy_integration_non_post_method} and {@code
 * test_aws_proxy_response_payload_format_validation} record; INTEGRATION_TIMEOUT is 504 {@code
 * Endpoint request timed out}) and "Amazon API Gateway quotas" (integration timeout 50 ms–29 s).
 */
class ApiGatewayTest {

  private static final ApiRoute ROUTE = new ApiRoute("GET", "/orders", "f");

  @Test
  void handle_functionError_answers502InternalServerError() {
    Response response =
        gateway((name, event) ->
                InvocationResult.functionError(
                    "java.lang.IllegalStateException",
                    "{\"errorMessage\":\"boom\"}".getBytes(UTF_8),
                    "",
                    Duration.ZERO))
            .handle(get());

    assertThat(response.status()).isEqualTo(502);
    assertThat(response.bodyText()).isEqualTo("{\"message\":\"Internal server error\"}");
  }

  @Test
  void handle_functionTimedOutBeforeTheIntegrationTimeout_answers502() {
    // Lambda reports its own timeout as a function error (Sandbox.Timedout): API Gateway's 502.
    Response response =
        gateway((name, event) ->
                InvocationResult.functionError(
                    "Sandbox.Timedout",
                    "{\"errorMessage\":\"Task timed out after 3.00 seconds\"}".getBytes(UTF_8),
                    "",
                    Duration.ofSeconds(3)))
            .handle(get());

    assertThat(response.status()).isEqualTo(502);
  }

  @Test
  void handle_functionStillRunningAtTheIntegrationTimeout_answers504() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Invoker slow =
        (name, event) -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return InvocationResult.ok("{}".getBytes(UTF_8), "", Duration.ZERO);
        };
    ApiGateway gateway =
        new ApiGateway(List.of(ROUTE), SourceContext.of(slow), Duration.ofMillis(200));
    try {
      Response response = gateway.handle(get());

      assertThat(response.status()).isEqualTo(504);
      assertThat(response.bodyText()).isEqualTo("{\"message\":\"Endpoint request timed out\"}");
    } finally {
      release.countDown();
    }
  }

  @Test
  void handle_throttledFunction_answers429() {
    Response response = gateway((name, event) -> InvocationResult.throttled()).handle(get());

    assertThat(response.status()).isEqualTo(429);
  }

  @Test
  void handle_validAnswer_carriesTheFunctionsHeadersInItsCase() {
    String answer = "{\"statusCode\":201,\"headers\":{\"location\":\"/orders/1\"}}";
    Response response =
        gateway((name, event) -> InvocationResult.ok(answer.getBytes(UTF_8), "", Duration.ZERO))
            .handle(get());

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.headers().get("location")).containsExactly("/orders/1");
  }

  @Test
  void handle_anyRequest_tellsTheInvokerItsRouteAndApiRequestId() {
    java.util.concurrent.atomic.AtomicReference<InvocationSource> told =
        new java.util.concurrent.atomic.AtomicReference<>();
    Invoker invoker =
        new Invoker() {
          @Override
          public InvocationResult invoke(String functionName, byte[] payload) {
            throw new AssertionError("the gateway tells its invocations' source");
          }

          @Override
          public InvocationResult invoke(
              String functionName, byte[] payload, InvocationSource source) {
            told.set(source);
            return InvocationResult.ok("{\"statusCode\":200}".getBytes(UTF_8), "", Duration.ZERO);
          }
        };

    Response response = gateway(invoker).handle(get());

    assertThat(told.get().kind()).isEqualTo(InvocationSource.API);
    assertThat(told.get().name()).isEqualTo("GET /orders");
    assertThat(told.get().trigger()).isEqualTo(response.headers().get("x-amzn-RequestId").get(0));
    assertThat(told.get().batchSize()).isEqualTo(1);
  }

  private static ApiGateway gateway(Invoker invoker) {
    return new ApiGateway(List.of(ROUTE), SourceContext.of(invoker));
  }

  private static Request get() {
    return new Request("GET", "/orders", null, Map.of(), null);
  }
}

package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Routing, headers and error shapes of the Lambda API, over a scripted invoker. */
class LambdaApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INVOKE = "/2015-03-31/functions/orders/invocations";

  private final FunctionDefinition orders =
      new FunctionDefinition(
          "orders",
          "example.Orders::handle",
          Path.of("target/none.jar"),
          512,
          Duration.ofMillis(2500),
          Map.of("TABLE", "Orders"),
          3);
  private final List<String> invoked = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<InvocationResult> next =
      new AtomicReference<>(InvocationResult.ok(utf8("{\"ok\":true}"), "a log", Duration.ZERO));
  private final Invoker invoker =
      (function, payload) -> {
        invoked.add(function + " " + new String(payload, UTF_8));
        return next.get();
      };
  private final LambdaApi api = new LambdaApi(invoker, List.of(orders));

  @Test
  void handle_requestResponse_returns200WithPayloadAndVersion() {
    Response response = api.handle(post(INVOKE, "{\"n\":1}", Map.of()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("{\"ok\":true}");
    assertThat(response.headers()).containsEntry("X-Amz-Executed-Version", List.of("$LATEST"));
    assertThat(response.headers()).doesNotContainKeys("X-Amz-Function-Error", "X-Amz-Log-Result");
    assertThat(invoked).containsExactly("orders {\"n\":1}");
  }

  @Test
  void handle_emptyPayload_invokesWithEmptyObject() {
    api.handle(post(INVOKE, "", Map.of()));

    assertThat(invoked).containsExactly("orders {}");
  }

  @Test
  void handle_functionError_returns200WithUnhandledHeaderAndErrorPayload() {
    next.set(
        InvocationResult.functionError(
            "java.lang.IllegalStateException",
            utf8("{\"errorMessage\":\"x\"}"),
            "",
            Duration.ZERO));

    Response response = api.handle(post(INVOKE, "{}", Map.of()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("X-Amz-Function-Error", List.of("Unhandled"));
    assertThat(response.bodyText()).isEqualTo("{\"errorMessage\":\"x\"}");
  }

  @Test
  void handle_logTypeTail_returnsBase64LogResult() {
    Response response = api.handle(post(INVOKE, "{}", Map.of("X-Amz-Log-Type", "Tail")));

    String logResult = response.headers().get("X-Amz-Log-Result").get(0);
    assertThat(new String(Base64.getDecoder().decode(logResult), UTF_8)).isEqualTo("a log");
  }

  @Test
  void handle_throttled_returns429TooManyRequests() throws Exception {
    next.set(InvocationResult.throttled());

    Response response = api.handle(post(INVOKE, "{}", Map.of()));

    assertThat(response.status()).isEqualTo(429);
    assertThat(response.headers())
        .containsEntry("x-amzn-ErrorType", List.of("TooManyRequestsException"));
    assertThat(JSON.readTree(response.body()).path("Reason").asText())
        .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
  }

  @Test
  void handle_unknownFunction_returns404ResourceNotFound() throws Exception {
    Response response = api.handle(post("/2015-03-31/functions/nope/invocations", "{}", Map.of()));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.headers())
        .containsEntry("x-amzn-ErrorType", List.of("ResourceNotFoundException"));
    assertThat(JSON.readTree(response.body()).path("message").asText())
        .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
    assertThat(invoked).isEmpty();
  }

  @Test
  void handle_functionByArnOrPartialArnOrLatest_invokesIt() {
    for (String name :
        List.of(
            orders.arn(),
            orders.arn() + ":$LATEST",
            "000000000000:function:orders",
            "orders:$LATEST")) {
      Response response =
          api.handle(post("/2015-03-31/functions/" + name + "/invocations", "{}", Map.of()));
      assertThat(response.status()).as(name).isEqualTo(200);
    }
    assertThat(invoked).hasSize(4);
  }

  @Test
  void handle_otherQualifier_returns404() {
    Response byPath =
        api.handle(post("/2015-03-31/functions/orders:prod/invocations", "{}", Map.of()));
    Response byQuery =
        api.handle(new Request("POST", INVOKE, "Qualifier=prod", Map.of(), utf8("{}")));

    assertThat(byPath.status()).isEqualTo(404);
    assertThat(byQuery.status()).isEqualTo(404);
  }

  @Test
  void handle_aliasOrVersionOfTheFunction_invokesIt() {
    FunctionDefinition aliased =
        new FunctionDefinition(
            "orders",
            "example.Orders::handle",
            "java21",
            dev.idem.local.code.FunctionCode.jar(Path.of("target/none.jar")),
            512,
            Duration.ofMillis(2500),
            Map.of(),
            3,
            java.util.Set.of("live"),
            0);
    LambdaApi withAlias = new LambdaApi(invoker, List.of(aliased));

    Response byPath =
        withAlias.handle(post("/2015-03-31/functions/orders:live/invocations", "{}", Map.of()));
    Response byArn =
        withAlias.handle(
            post("/2015-03-31/functions/" + aliased.arn() + ":live/invocations", "{}", Map.of()));
    Response byQuery =
        withAlias.handle(new Request("POST", INVOKE, "Qualifier=live", Map.of(), utf8("{}")));
    Response byVersion =
        withAlias.handle(post("/2015-03-31/functions/orders:3/invocations", "{}", Map.of()));
    Response otherAlias =
        withAlias.handle(post("/2015-03-31/functions/orders:canary/invocations", "{}", Map.of()));

    assertThat(List.of(byPath, byArn, byQuery, byVersion))
        .extracting(Response::status)
        .containsOnly(200);
    assertThat(otherAlias.status()).isEqualTo(404);
    assertThat(invoked).hasSize(4);
  }

  @Test
  void handle_dryRun_returns204WithoutInvoking() {
    Response response = api.handle(post(INVOKE, "{}", Map.of("X-Amz-Invocation-Type", "DryRun")));

    assertThat(response.status()).isEqualTo(204);
    assertThat(invoked).isEmpty();
  }

  @Test
  void handle_event_returns202AndInvokesAsynchronouslyRetryingThrottles() throws Exception {
    CountDownLatch delivered = new CountDownLatch(1);
    AtomicReference<InvocationResult> outcome = new AtomicReference<>();
    List<InvocationResult> script =
        Collections.synchronizedList(
            new ArrayList<>(
                List.of(
                    InvocationResult.throttled(),
                    InvocationResult.throttled(),
                    InvocationResult.ok(utf8("{}"), "", Duration.ZERO))));
    LambdaApi eventApi =
        new LambdaApi(
            (function, payload) -> script.remove(0),
            List.of(orders),
            (function, result) -> {
              outcome.set(result);
              delivered.countDown();
            });

    Response response =
        eventApi.handle(post(INVOKE, "{}", Map.of("X-Amz-Invocation-Type", "Event")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(outcome.get().status()).isEqualTo(InvocationResult.Status.OK);
    assertThat(script).isEmpty();
  }

  @Test
  void handle_requestResponseAndEvent_toldToTheInvokerAsInvokeAndAsync() throws Exception {
    List<InvocationSource> told = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch ran = new CountDownLatch(2);
    Invoker telling =
        new Invoker() {
          @Override
          public InvocationResult invoke(String functionName, byte[] payload) {
            throw new AssertionError("the Lambda API tells its invocations' source");
          }

          @Override
          public InvocationResult invoke(
              String functionName, byte[] payload, InvocationSource source) {
            told.add(source);
            ran.countDown();
            return InvocationResult.ok(utf8("{}"), "", Duration.ZERO);
          }
        };
    LambdaApi tellingApi = new LambdaApi(telling, List.of(orders), (function, result) -> {});

    tellingApi.handle(post(INVOKE, "{}", Map.of()));
    Response event =
        tellingApi.handle(post(INVOKE, "{}", Map.of("X-Amz-Invocation-Type", "Event")));

    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(told.get(0)).isEqualTo(InvocationSource.of(InvocationSource.INVOKE, "orders", null));
    assertThat(told.get(1))
        .isEqualTo(
            InvocationSource.of(
                InvocationSource.ASYNC, null, event.headers().get("x-amzn-RequestId").get(0)));
  }

  @Test
  void handle_unsupportedInvocationType_returns400() {
    Response response = api.handle(post(INVOKE, "{}", Map.of("X-Amz-Invocation-Type", "Later")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers())
        .containsEntry("x-amzn-ErrorType", List.of("InvalidParameterValueException"));
  }

  @Test
  void handle_payloadOver6Mb_returns413() {
    Response response =
        api.handle(new Request("POST", INVOKE, null, Map.of(), new byte[6 * 1024 * 1024 + 1]));

    assertThat(response.status()).isEqualTo(413);
    assertThat(invoked).isEmpty();
  }

  @Test
  void handle_listFunctions_describesEveryFunction() throws Exception {
    Response response = api.handle(get("/2015-03-31/functions/"));

    JsonNode function = JSON.readTree(response.body()).path("Functions").path(0);
    assertThat(response.status()).isEqualTo(200);
    assertThat(function.path("FunctionName").asText()).isEqualTo("orders");
    assertThat(function.path("FunctionArn").asText()).isEqualTo(orders.arn());
    assertThat(function.path("Handler").asText()).isEqualTo("example.Orders::handle");
    assertThat(function.path("MemorySize").asInt()).isEqualTo(512);
    assertThat(function.path("Timeout").asInt()).isEqualTo(3);
    assertThat(function.path("Environment").path("Variables").path("TABLE").asText())
        .isEqualTo("Orders");
  }

  @Test
  void handle_getFunctionAndConfiguration_describeIt() throws Exception {
    Response function = api.handle(get("/2015-03-31/functions/orders"));
    Response configuration = api.handle(get("/2015-03-31/functions/orders/configuration"));

    assertThat(JSON.readTree(function.body()).path("Configuration").path("FunctionName").asText())
        .isEqualTo("orders");
    assertThat(JSON.readTree(configuration.body()).path("FunctionName").asText())
        .isEqualTo("orders");
  }

  @Test
  void handle_getConfigurationOfAJava17Function_reportsItsRuntime() throws Exception {
    FunctionDefinition java17 =
        new FunctionDefinition(
            "old",
            "example.Old::handle",
            "java17",
            dev.idem.local.code.FunctionCode.jar(Path.of("target/old.jar")),
            256,
            Duration.ofSeconds(3),
            Map.of(),
            3,
            java.util.Set.of(),
            0);

    Response configuration =
        new LambdaApi(invoker, List.of(java17))
            .handle(get("/2015-03-31/functions/old/configuration"));

    assertThat(JSON.readTree(configuration.body()).path("Runtime").asText()).isEqualTo("java17");
  }

  @Test
  void handle_otherPath_returns404UnknownOperation() {
    Response response = api.handle(get("/2015-03-31/event-source-mappings/"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.headers())
        .containsEntry("x-amzn-ErrorType", List.of("UnknownOperationException"));
  }

  private static Request post(String path, String body, Map<String, String> headers) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach((name, value) -> multi.put(name, List.of(value)));
    return new Request("POST", path, null, multi, utf8(body));
  }

  private static Request get(String path) {
    return new Request("GET", path, null, Map.of(), new byte[0]);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }
}

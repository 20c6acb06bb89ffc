package dev.idem.local.sources.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.http.HttpEndpoint;
import dev.idem.local.sources.RecordingInvoker;
import dev.idem.local.sources.RecordingInvoker.Call;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.WarmFunction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST API proxy integration over real HTTP, served by a real single-instance function. */
class ApiGatewayIT {

  private static final String FUNCTION = "api";
  private static final RouteStage STAGE =
      new RouteStage(
          false,
          "idemlocal",
          "Prod",
          java.util.Map.of(),
          "1.0",
          new BinaryMediaTypes(List.of("application/octet-stream")));
  private static final List<ApiRoute> ROUTES =
      List.of(
          route("GET", "/orders/{orderId}"),
          route("get", "/orders/special"),
          route("POST", "/orders"),
          route("POST", "/upload"),
          route("ANY", "/files/{proxy+}"),
          route("GET", "/fail"),
          route("GET", "/malformed"),
          route("GET", "/sleep"),
          route("GET", "/binary"));
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
    endpoint =
        HttpEndpoint.startKeepingHeaderCase(
            "api", HttpEndpoint.LOOPBACK, 0, new ApiGateway(ROUTES, SourceContext.of(invoker)));
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
  void get_pathAndQueryParametersAndHeaders_reachTheFunctionAsTheProxyEvent() throws Exception {
    HttpResponse<String> response =
        send(
            request("/orders/42?tag=a&tag=b&note=x%20y&flag")
                .header("X-Multi", "1")
                .header("X-Multi", "2")
                .header("User-Agent", "api-test")
                .header("tEsT-HEADeR", "aValUE")
                .GET());

    JsonNode event = lastEvent();
    assertThat(event.path("resource").asText()).isEqualTo("/orders/{orderId}");
    assertThat(event.path("path").asText()).isEqualTo("/orders/42");
    assertThat(event.path("httpMethod").asText()).isEqualTo("GET");
    assertThat(event.path("pathParameters").path("orderId").asText()).isEqualTo("42");
    JsonNode query = event.path("queryStringParameters");
    assertThat(query.path("tag").asText()).isEqualTo("b");
    assertThat(query.path("note").asText()).isEqualTo("x y");
    assertThat(query.path("flag").asText()).isEmpty();
    assertThat(event.path("multiValueQueryStringParameters").path("tag"))
        .extracting(JsonNode::asText)
        .containsExactly("a", "b");
    assertThat(event.path("multiValueHeaders").path("X-Multi"))
        .extracting(JsonNode::asText)
        .containsExactly("1", "2");
    assertThat(event.path("headers").path("X-Multi").asText()).isEqualTo("2");
    assertThat(event.path("headers").path("tEsT-HEADeR").asText()).isEqualTo("aValUE");
    assertThat(event.path("stageVariables").isNull()).isTrue();
    assertThat(event.path("body").isNull()).isTrue();
    assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    JsonNode context = event.path("requestContext");
    assertThat(context.path("requestId").asText())
        .isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow())
        .hasSize(36);
    assertThat(context.path("stage").asText()).isEqualTo("Prod");
    assertThat(context.path("resourcePath").asText()).isEqualTo("/orders/{orderId}");
    assertThat(context.path("httpMethod").asText()).isEqualTo("GET");
    // With the stage prefix: test_lambda_aws_proxy_integration in LocalStack's AWS-recorded
    // tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json.
    assertThat(context.path("path").asText()).isEqualTo("/Prod/orders/42");
    assertThat(context.path("accountId").asText()).isEqualTo("000000000000");
    assertThat(context.path("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(Instant.ofEpochMilli(context.path("requestTimeEpoch").asLong()))
        .isBetween(Instant.now().minusSeconds(30), Instant.now());
    assertThat(context.path("identity").path("sourceIp").asText()).isEqualTo("127.0.0.1");
    assertThat(context.path("identity").path("userAgent").asText()).isEqualTo("api-test");
  }

  @Test
  void get_proxyResponse_becomesStatusHeadersAndBody() throws Exception {
    HttpResponse<String> response = send(request("/orders/7").GET());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("handled GET /orders/7");
    assertThat(response.headers().firstValue("X-Single")).contains("one");
    assertThat(response.headers().allValues("X-Multi")).containsExactly("a", "b");
    assertThat(response.headers().firstValue("Content-Type")).contains("text/plain");
  }

  @Test
  void post_bodies_textAsIsAndBinaryBase64Encoded() throws Exception {
    send(
        request("/orders")
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString("{\"sku\":\"A-1\"}")));
    JsonNode text = lastEvent();
    byte[] bytes = {0, 1, 2, (byte) 0xff};
    send(
        request("/upload")
            .header("Content-Type", "application/octet-stream")
            .POST(BodyPublishers.ofByteArray(bytes)));
    JsonNode binary = lastEvent();

    assertThat(text.path("body").asText()).isEqualTo("{\"sku\":\"A-1\"}");
    assertThat(text.path("isBase64Encoded").asBoolean()).isFalse();
    assertThat(text.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
    assertThat(binary.path("isBase64Encoded").asBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(binary.path("body").asText())).isEqualTo(bytes);
  }

  @Test
  void get_base64ProxyResponseAcceptingABinaryMediaType_isDecodedIntoTheHttpBody()
      throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            request("/binary").header("Accept", "application/octet-stream").GET().build(),
            BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff});
    assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
  }

  @Test
  void routes_literalBeatsParameterAndGreedyAnyTakesTheRestOfThePath() throws Exception {
    send(request("/orders/special").GET());
    JsonNode literal = lastEvent();
    send(request("/files/a/b/c.txt").DELETE());
    JsonNode greedy = lastEvent();

    assertThat(literal.path("resource").asText()).isEqualTo("/orders/special");
    assertThat(literal.path("pathParameters").isNull()).isTrue();
    assertThat(greedy.path("resource").asText()).isEqualTo("/files/{proxy+}");
    assertThat(greedy.path("httpMethod").asText()).isEqualTo("DELETE");
    assertThat(greedy.path("pathParameters").path("proxy").asText()).isEqualTo("a/b/c.txt");
  }

  @Test
  void request_noRouteForPathOrMethod_answers403MissingAuthenticationToken() throws Exception {
    HttpResponse<String> unknownPath = send(request("/nowhere").GET());
    HttpResponse<String> wrongMethod = send(request("/orders/42").PUT(BodyPublishers.noBody()));

    for (HttpResponse<String> response : List.of(unknownPath, wrongMethod)) {
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
      assertThat(response.headers().firstValue("x-amzn-ErrorType"))
          .contains("MissingAuthenticationTokenException");
    }
    assertThat(invoker.calls()).hasSize(callsBefore);
  }

  @Test
  void request_functionErrorOrMalformedResponse_answers502() throws Exception {
    HttpResponse<String> failed = send(request("/fail").GET());
    HttpResponse<String> malformed = send(request("/malformed").GET());

    for (HttpResponse<String> response : List.of(failed, malformed)) {
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.body()).isEqualTo("{\"message\":\"Internal server error\"}");
    }
    assertThat(invoker.calls()).hasSize(callsBefore + 2);
  }

  @Test
  void request_moreConcurrentThanTheFunctionLimit_answers429ToTheExtraOne() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> responses = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 2; i++) {
        responses.add(
            executor.submit(() -> {
              go.await();
              return send(request("/sleep").GET());
            }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      String throttledBody = null;
      for (Future<HttpResponse<String>> future : responses) {
        HttpResponse<String> response = future.get(30, TimeUnit.SECONDS);
        statuses.add(response.statusCode());
        if (response.statusCode() == 429) {
          throttledBody = response.body();
        }
      }
      assertThat(statuses).containsExactlyInAnyOrder(201, 429);
      assertThat(throttledBody).isEqualTo("{\"message\":\"Too Many Requests\"}");
    }
  }

  @Test
  void get_encodedPath_reachesTheFunctionAsSent() throws Exception {
    // invocation-payload-with-path-encoded-email, test_lambda_aws_proxy_integration.
    send(request("/files/user/test%2Balias@gmail.com/plus/test+alias@gmail.com").GET());
    JsonNode event = lastEvent();

    assertThat(event.path("path").asText())
        .isEqualTo("/files/user/test%2Balias@gmail.com/plus/test+alias@gmail.com");
    assertThat(event.path("pathParameters").path("proxy").asText())
        .isEqualTo("user/test%2Balias@gmail.com/plus/test+alias@gmail.com");
  }

  private static ApiRoute route(String method, String path) {
    return new ApiRoute(method, path, FUNCTION, null, STAGE);
  }

  private static HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(endpoint.url() + pathAndQuery))
        .timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  private static JsonNode lastEvent() {
    List<Call> calls = invoker.calls();
    return calls.get(calls.size() - 1).event();
  }
}

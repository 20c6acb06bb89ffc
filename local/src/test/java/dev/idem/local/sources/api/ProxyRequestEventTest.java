package dev.idem.local.sources.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.http.Request;
import dev.idem.local.sources.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The REST API's Lambda proxy event as AWS builds it. Source, unless a test says otherwise:
 * LocalStack's AWS-recorded snapshot {@code
 * tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json}, test {@code
 * test_lambda_aws_proxy_integration} (an {@code ANY /{proxy+}} resource on stage {@code test}).
 */
class ProxyRequestEventTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
  private static final RouteStage STAGE =
      new RouteStage(false, "abc123defg", "test", Map.of(), "1.0");
  private static final ApiRoute PROXY = new ApiRoute("ANY", "/{proxy+}", "f", null, STAGE);

  @Test
  void event_anyRequest_requestContextHasEveryKeyAwsSends() {
    JsonNode context = event(get("/test-path", null, Map.of())).path("requestContext");

    assertThat(names(context))
        .containsExactlyInAnyOrder(
            "accountId",
            "apiId",
            "deploymentId",
            "domainName",
            "domainPrefix",
            "extendedRequestId",
            "httpMethod",
            "identity",
            "path",
            "protocol",
            "requestId",
            "requestTime",
            "requestTimeEpoch",
            "resourceId",
            "resourcePath",
            "stage");
    assertThat(context.path("deploymentId").isTextual()).isTrue();
    assertThat(context.path("resourceId").isTextual()).isTrue();
    assertThat(context.path("extendedRequestId").asText()).isNotEqualTo("req-1");
    assertThat(context.path("requestId").asText()).isEqualTo("req-1");
    assertThat(context.path("apiId").asText()).isEqualTo("abc123defg");
    assertThat(context.path("stage").asText()).isEqualTo("test");
    assertThat(context.path("resourcePath").asText()).isEqualTo("/{proxy+}");
    assertThat(context.path("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(context.path("requestTimeEpoch").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(context.path("requestTime").asText()).isEqualTo("04/Mar/2026:05:06:07 +0000");
  }

  @Test
  void event_anyRequest_identityHasEveryKeyNullWhereAwsSendsNull() {
    Request request = get("/test-path", null, Map.of("User-Agent", List.of("python/testing")));
    JsonNode identity = event(request).path("requestContext").path("identity");

    assertThat(names(identity))
        .containsExactlyInAnyOrder(
            "accessKey",
            "accountId",
            "caller",
            "cognitoAuthenticationProvider",
            "cognitoAuthenticationType",
            "cognitoIdentityId",
            "cognitoIdentityPoolId",
            "principalOrgId",
            "sourceIp",
            "user",
            "userAgent",
            "userArn");
    names(identity).stream()
        .filter(name -> !name.equals("sourceIp") && !name.equals("userAgent"))
        .forEach(name -> assertThat(identity.path(name).isNull()).as(name).isTrue());
    assertThat(identity.path("userAgent").asText()).isEqualTo("python/testing");
    assertThat(identity.path("sourceIp").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void event_hostHeader_isDomainNameAndItsFirstLabelTheDomainPrefix() {
    Request request = get("/test-path", null, Map.of("Host", List.of("api.example.com")));
    JsonNode context = event(request).path("requestContext");

    assertThat(context.path("domainName").asText()).isEqualTo("api.example.com");
    assertThat(context.path("domainPrefix").asText()).isEqualTo("api");
  }

  @Test
  void event_stage_contextPathHasTheStagePrefixAndEventPathHasNot() {
    JsonNode event = event(get("/test-path", null, Map.of()));

    assertThat(event.path("path").asText()).isEqualTo("/test-path");
    assertThat(event.path("requestContext").path("path").asText()).isEqualTo("/test/test-path");
    assertThat(event.path("resource").asText()).isEqualTo("/{proxy+}");
  }

  @Test
  void event_trailingSlash_pathKeepsItAndProxyParameterDoesNot() {
    JsonNode event = event(get("/test-path/", null, Map.of()));

    assertThat(event.path("path").asText()).isEqualTo("/test-path/");
    assertThat(event.path("pathParameters").path("proxy").asText()).isEqualTo("test-path");
    assertThat(event.path("requestContext").path("path").asText()).isEqualTo("/test/test-path/");
  }

  @Test
  void event_encodedCharactersInPath_pathAndProxyParameterStayAsSent() {
    String raw = "/test-path/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com";
    JsonNode event = event(get(raw, null, Map.of()));

    assertThat(event.path("path").asText()).isEqualTo(raw);
    assertThat(event.path("pathParameters").path("proxy").asText())
        .isEqualTo("test-path/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com");
  }

  @Test
  void event_encodedCharactersInQuery_valuesAreFormDecoded() {
    String query =
        "dateTimeOffset=2023-06-12T18:05:10.123456+00:00&email=test%2Balias@gmail.com"
            + "&plus=test+alias@gmail.com&url=https://www.google.com/&whitespace=foo%20bar";
    JsonNode parameters =
        event(get("/test-path/api", query, Map.of())).path("queryStringParameters");

    assertThat(parameters.path("dateTimeOffset").asText())
        .isEqualTo("2023-06-12T18:05:10.123456 00:00");
    assertThat(parameters.path("email").asText()).isEqualTo("test+alias@gmail.com");
    assertThat(parameters.path("plus").asText()).isEqualTo("test alias@gmail.com");
    assertThat(parameters.path("url").asText()).isEqualTo("https://www.google.com/");
    assertThat(parameters.path("whitespace").asText()).isEqualTo("foo bar");
  }

  @Test
  void event_repeatedQueryKeys_multiValueKeepsAllAndSingleValueTheLast() {
    JsonNode event =
        event(get("/test-path", "category=electronics&category=books&price=10", Map.of()));

    assertThat(event.path("queryStringParameters").path("category").asText()).isEqualTo("books");
    assertThat(event.path("multiValueQueryStringParameters").path("category"))
        .extracting(JsonNode::asText)
        .containsExactly("electronics", "books");
    assertThat(event.path("multiValueQueryStringParameters").path("price"))
        .extracting(JsonNode::asText)
        .containsExactly("10");
  }

  @Test
  void event_noQuery_bothQueryMapsAreNullAndStageVariablesNull() {
    JsonNode event = event(get("/test-path", null, Map.of()));

    assertThat(event.path("queryStringParameters").isNull()).isTrue();
    assertThat(event.path("multiValueQueryStringParameters").isNull()).isTrue();
    assertThat(event.path("stageVariables").isNull()).isTrue();
    assertThat(event.path("body").isNull()).isTrue();
    assertThat(event.path("isBase64Encoded").asBoolean(true)).isFalse();
  }

  @Test
  void event_headerNames_keepTheClientsCase() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("tEsT-HEADeR", List.of("aValUE"));
    headers.put("x-lower", List.of("1"));
    JsonNode event = event(get("/test-path", null, headers));

    assertThat(event.path("headers").path("tEsT-HEADeR").asText()).isEqualTo("aValUE");
    assertThat(event.path("headers").path("x-lower").asText()).isEqualTo("1");
    assertThat(event.path("multiValueHeaders").path("tEsT-HEADeR"))
        .extracting(JsonNode::asText)
        .containsExactly("aValUE");
  }

  @Test
  void event_authorizationAndUserAgentInAnyCase_arePascalCased() {
    // invocation-payload-with-params-encoding-multi (aUThorization) and, in
    // test_lambda_aws_proxy_integration_request_data_mapping, user-Agent.
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("aUThorization", List.of("Bearer token123;API key456"));
    headers.put("user-Agent", List.of("test/integration"));
    JsonNode event = event(get("/test-path", null, headers));

    assertThat(names(event.path("headers")))
        .containsExactlyInAnyOrder("Authorization", "User-Agent");
    assertThat(event.path("headers").path("Authorization").asText())
        .isEqualTo("Bearer token123;API key456");
  }

  @Test
  void event_contentLengthAndConnection_areNotPassed() {
    // invocation-payload-with-params-encoding-multi: a POST with a body, no Content-Length.
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json;charset=utf-8"));
    headers.put("Content-Length", List.of("26"));
    headers.put("Connection", List.of("keep-alive"));
    Request request =
        new Request(
            "POST", "/test-path", null, headers, "{\"message\":\"hello world\"}".getBytes());
    JsonNode event = event(request);

    assertThat(names(event.path("headers"))).containsExactly("Content-Type");
    assertThat(names(event.path("multiValueHeaders"))).containsExactly("Content-Type");
    assertThat(event.path("body").asText()).isEqualTo("{\"message\":\"hello world\"}");
  }

  @Test
  void event_repeatedHeader_multiValueKeepsAllAndSingleValueTheLast() {
    // AWS developer guide, "Input format of a Lambda function for proxy integration": headers holds
    // the last value of a repeated header, multiValueHeaders all of them.
    JsonNode event = event(get("/test-path", null, Map.of("X-Tag", List.of("a", "b"))));

    assertThat(event.path("headers").path("X-Tag").asText()).isEqualTo("b");
    assertThat(event.path("multiValueHeaders").path("X-Tag"))
        .extracting(JsonNode::asText)
        .containsExactly("a", "b");
  }

  @Test
  void event_stageWithVariables_passesThemAsStageVariables() {
    // AWS developer guide, "Input format of a Lambda function for proxy integration".
    RouteStage stage = new RouteStage(false, "abc123defg", "dev", Map.of("alias", "live"), "1.0");
    ApiRoute route = new ApiRoute("GET", "/health", "f", null, stage);
    Request request = get("/health", null, Map.of());
    RouteTable.Match match = new RouteTable(List.of(route)).match("GET", "/health").orElseThrow();
    JsonNode event = Json.parse(ProxyEvents.event(request, match, "req-1", NOW)).orElseThrow();

    assertThat(event.path("stageVariables").path("alias").asText()).isEqualTo("live");
    assertThat(event.path("requestContext").path("path").asText()).isEqualTo("/dev/health");
  }

  @Test
  void event_repeatedSlashes_routeAsOneAndStayInThePaths() {
    // localstack/localstack pull request #11304 ("fix APIGW double slashes between stage and
    // path"): AWS routes GET /prod//orders to /orders and keeps the slashes in
    // requestContext.path. AWS's event path for such a request is not recorded there; it is kept
    // as sent here.
    RouteTable.Match match =
        new RouteTable(List.of(new ApiRoute("GET", "/orders", "f", null, STAGE)))
            .match("GET", "//orders")
            .orElseThrow();
    JsonNode event =
        Json.parse(ProxyEvents.event(get("//orders", null, Map.of()), match, "req-1", NOW))
            .orElseThrow();

    assertThat(event.path("resource").asText()).isEqualTo("/orders");
    assertThat(event.path("requestContext").path("path").asText()).isEqualTo("/test//orders");
  }

  @Test
  void event_binaryBodyWithoutBinaryMediaTypes_isPassedAsText() {
    // AWS developer guide, "Binary media types for REST APIs in API Gateway": without
    // binaryMediaTypes, payloads are handled as UTF-8 text.
    JsonNode event = event(post("image/png", "abc"));

    assertThat(event.path("body").asText()).isEqualTo("abc");
    assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void event_contentTypeMatchingBinaryMediaTypes_isBase64Encoded() {
    RouteStage stage =
        new RouteStage(
            false, "abc", "test", Map.of(), "1.0", new BinaryMediaTypes(List.of("image~1png")));
    ApiRoute route = new ApiRoute("POST", "/upload", "f", null, stage);
    Request request = post("image/png", "abc");
    RouteTable.Match match = new RouteTable(List.of(route)).match("POST", "/upload").orElseThrow();
    JsonNode event = Json.parse(ProxyEvents.event(request, match, "req-1", NOW)).orElseThrow();

    assertThat(event.path("body").asText()).isEqualTo("YWJj");
    assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
  }

  @Test
  void event_contentTypeNotAmongBinaryMediaTypes_isText() {
    RouteStage stage =
        new RouteStage(
            false, "abc", "test", Map.of(), "1.0", new BinaryMediaTypes(List.of("image/png")));
    ApiRoute route = new ApiRoute("POST", "/upload", "f", null, stage);
    Request request = post("application/json", "{}");
    RouteTable.Match match = new RouteTable(List.of(route)).match("POST", "/upload").orElseThrow();
    JsonNode event = Json.parse(ProxyEvents.event(request, match, "req-1", NOW)).orElseThrow();

    assertThat(event.path("body").asText()).isEqualTo("{}");
    assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
  }

  private static Request post(String contentType, String body) {
    return new Request(
        "POST",
        "/upload",
        null,
        Map.of("Content-Type", List.of(contentType)),
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "/upload");
  }

  private static Request get(String rawPath, String query, Map<String, List<String>> headers) {
    return new Request("GET", ProxyEvents.decode(rawPath), query, headers, null, rawPath);
  }

  private static JsonNode event(Request request) {
    RouteTable.Match match =
        new RouteTable(List.of(PROXY)).match(request.method(), request.rawPath()).orElseThrow();
    return Json.parse(ProxyEvents.event(request, match, "req-1", NOW)).orElseThrow();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

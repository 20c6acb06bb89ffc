package dev.idem.local.sources.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.sources.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP API payload format 2.0: the event a function gets, and how its answer becomes HTTP. */
class HttpApiEventsTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
  private static final RouteStage STAGE =
      new RouteStage(true, "HttpApi", "$default", Map.of("color", "green"), "2.0");

  private static JsonNode event(ApiRoute route, Request request, Map<String, String> parameters) {
    byte[] event =
        HttpApiEvents.event(request, new RouteTable.Match(route, parameters), "req-1", NOW);
    return Json.parse(event).orElseThrow();
  }

  @Test
  void event_routeWithParametersQueryCookiesAndBody_version2Shape() {
    ApiRoute route = new ApiRoute("POST", "/items/{id}", "fn", null, STAGE);
    Request request =
        new Request(
            "POST",
            "/items/7",
            "tag=a&tag=b&q=x%20y",
            Map.of(
                "content-type", List.of("application/json"),
                "cookie", List.of("a=1; b=2"),
                "x-many", List.of("1", "2"),
                "host", List.of("localhost:3000")),
            "{\"n\":1}".getBytes(StandardCharsets.UTF_8));

    JsonNode event = event(route, request, Map.of("id", "7"));

    assertThat(event.path("version").asText()).isEqualTo("2.0");
    assertThat(event.path("routeKey").asText()).isEqualTo("POST /items/{id}");
    assertThat(event.path("rawPath").asText()).isEqualTo("/items/7");
    assertThat(event.path("rawQueryString").asText()).isEqualTo("tag=a&tag=b&q=x%20y");
    assertThat(event.path("queryStringParameters").path("tag").asText()).isEqualTo("a,b");
    assertThat(event.path("queryStringParameters").path("q").asText()).isEqualTo("x y");
    assertThat(event.path("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2");
    assertThat(event.path("headers").has("cookie")).isFalse();
    assertThat(event.path("headers").path("x-many").asText()).isEqualTo("1,2");
    assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("7");
    assertThat(event.path("stageVariables").path("color").asText()).isEqualTo("green");
    assertThat(event.path("body").asText()).isEqualTo("{\"n\":1}");
    assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    JsonNode context = event.path("requestContext");
    assertThat(context.path("http").path("method").asText()).isEqualTo("POST");
    assertThat(context.path("http").path("path").asText()).isEqualTo("/items/7");
    assertThat(context.path("routeKey").asText()).isEqualTo("POST /items/{id}");
    assertThat(context.path("stage").asText()).isEqualTo("$default");
    assertThat(context.path("apiId").asText()).isEqualTo("HttpApi");
    assertThat(context.path("timeEpoch").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(context.path("requestId").asText()).isEqualTo("req-1");
  }

  @Test
  void event_defaultRouteNoQueryNoBody_leavesThoseOut() {
    ApiRoute route = new ApiRoute("ANY", ApiRoute.DEFAULT_ROUTE, "fn", null, STAGE);

    JsonNode event = event(route, new Request("GET", "/anything", null, Map.of(), null), Map.of());

    assertThat(event.path("routeKey").asText()).isEqualTo("$default");
    assertThat(event.has("queryStringParameters")).isFalse();
    assertThat(event.has("pathParameters")).isFalse();
    assertThat(event.has("body")).isFalse();
    assertThat(event.path("rawQueryString").asText()).isEmpty();
  }

  @Test
  void map_objectWithStatusCode_statusHeadersCookiesAndBody() {
    ProxyResponses.Mapped mapped =
        HttpApiResponses.map(
            """
            {"statusCode": 201, "headers": {"Location": "/items/7"}, "cookies": ["s=1; HttpOnly"],
             "body": "{\\"id\\":7}"}\
            """
                .getBytes(StandardCharsets.UTF_8));

    Response response = mapped.response();
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.headers().get("Location")).containsExactly("/items/7");
    assertThat(response.headers().get("Set-Cookie")).containsExactly("s=1; HttpOnly");
    assertThat(response.headers().get("Content-Type")).containsExactly("application/json");
    assertThat(response.bodyText()).isEqualTo("{\"id\":7}");
  }

  @Test
  void map_jsonWithoutStatusCode_isThe200Body() {
    Response response =
        HttpApiResponses.map("{\"id\":7}".getBytes(StandardCharsets.UTF_8)).response();

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("{\"id\":7}");
  }

  @Test
  void map_notJson_500() {
    ProxyResponses.Mapped mapped = HttpApiResponses.map("oops".getBytes(StandardCharsets.UTF_8));

    assertThat(mapped.response().status()).isEqualTo(500);
    assertThat(mapped.outcome()).startsWith("500 malformed response");
  }

  @Test
  void match_defaultRoute_takesOnlyWhatNoOtherRouteDoes() {
    RouteTable table =
        new RouteTable(
            List.of(
                new ApiRoute("ANY", ApiRoute.DEFAULT_ROUTE, "fallback", null, STAGE),
                new ApiRoute("GET", "/items/{id}", "item", null, STAGE)));

    assertThat(table.match("GET", "/items/7").orElseThrow().route().functionName())
        .isEqualTo("item");
    assertThat(table.match("POST", "/items/7").orElseThrow().route().functionName())
        .isEqualTo("fallback");
    assertThat(table.match("GET", "/").orElseThrow().route().functionName()).isEqualTo("fallback");
  }
}

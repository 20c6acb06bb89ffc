package dev.idem.local.sources.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private static final RouteTable TABLE =
      new RouteTable(
          List.of(
              new ApiRoute("ANY", "/{proxy+}", "catchAll"),
              new ApiRoute("GET", "/orders/{orderId}", "getOrder"),
              new ApiRoute("ANY", "/orders/{orderId}", "anyOrder"),
              new ApiRoute("GET", "/orders/summary", "summary"),
              new ApiRoute("POST", "/orders", "placeOrder"),
              new ApiRoute("GET", "/orders/{orderId}/items/{item}", "item"),
              new ApiRoute("GET", "/", "root")));

  @Test
  void match_literalSegment_beatsParameterAndGreedy() {
    assertThat(function("GET", "/orders/summary")).isEqualTo("summary");
  }

  @Test
  void match_exactMethod_beatsAny() {
    assertThat(function("GET", "/orders/42")).isEqualTo("getOrder");
    assertThat(function("DELETE", "/orders/42")).isEqualTo("anyOrder");
  }

  @Test
  void match_parameters_bindEachSegment() {
    RouteTable.Match match = TABLE.match("GET", "/orders/42/items/7").orElseThrow();

    assertThat(match.pathParameters()).isEqualTo(Map.of("orderId", "42", "item", "7"));
  }

  @Test
  void match_greedy_takesOneOrMoreRemainingSegments() {
    RouteTable.Match match = TABLE.match("PUT", "/files/a/b").orElseThrow();

    assertThat(match.route().functionName()).isEqualTo("catchAll");
    assertThat(match.pathParameters()).containsEntry("proxy", "files/a/b");
  }

  @Test
  void match_trailingSlashAndRoot_matchTheirTemplates() {
    assertThat(function("POST", "/orders/")).isEqualTo("placeOrder");
    assertThat(function("GET", "/")).isEqualTo("root");
  }

  @Test
  void match_noRouteForMethodOrPath_isEmpty() {
    RouteTable table = new RouteTable(List.of(new ApiRoute("GET", "/orders/{id}", "get")));

    assertThat(table.match("POST", "/orders/1")).isEmpty();
    assertThat(table.match("GET", "/orders")).isEmpty();
    assertThat(table.match("GET", "/orders/1/more")).isEmpty();
  }

  @Test
  void apiRoute_methodInAnyCase_isKeptUpperCase() {
    assertThat(new ApiRoute("any", "/x", "f").method()).isEqualTo("ANY");
  }

  @Test
  void apiRoute_malformed_isRejectedWithTheReason() {
    assertThatThrownBy(() -> new ApiRoute("FETCH", "/x", "f")).hasMessageContaining("FETCH");
    assertThatThrownBy(() -> new ApiRoute("GET", "x", "f")).hasMessageContaining("start with /");
    assertThatThrownBy(() -> new ApiRoute("GET", "/{proxy+}/more", "f"))
        .hasMessageContaining("last segment");
    assertThatThrownBy(() -> new ApiRoute("GET", "/{id", "f")).hasMessageContaining("malformed");
  }

  private static String function(String method, String path) {
    return TABLE.match(method, path).orElseThrow().route().functionName();
  }
}

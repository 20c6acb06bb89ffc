package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's JSON endpoints on a real local cloud (the repository's template): the overview's
 * counts move when an order goes through, the recent invocations list it, and bad requests get a
 * 4xx with a JSON body.
 */
class ConsoleIT {

  private static LocalCloud cloud;
  private static Orders orders;
  private static URI console;

  @BeforeAll
  static void start() {
    cloud = LocalCloud.start(TestClouds.options("ConsoleIT", new TestClouds.Console("ConsoleIT")));
    orders = new Orders(cloud);
    console = cloud.consoleUrl().orElseThrow();
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void overview_orderFulfilled_functionTableAndRuleCountsMove() {
    String placeOrder = cloud.stack().stack().function("PlaceOrderFunction").orElseThrow().name();
    String ordersTable = cloud.stack().stack().table("OrdersTable").orElseThrow().name();
    JsonNode before = overview();
    long invocationsBefore = row(before.path("functions"), placeOrder).path("invocations").asLong();
    long itemsBefore = row(before.path("tables"), ordersTable).path("items").asLong();
    long matchesBefore = sum(before.path("rules"), "matches");
    long deliveriesBefore = sum(before.path("rules"), "deliveries");

    String orderId = orders.placed("console-1", "c-console", "SKU-001", 1);
    orders.awaitStatus(orderId, Set.of("FULFILLED"));

    JsonNode[] after = {before};
    Await.until(
        "the overview to show the order's invocation, item and rule deliveries",
        Orders.FLOW_DEADLINE,
        () -> {
          after[0] = overview();
          return row(after[0].path("functions"), placeOrder).path("invocations").asLong()
                  > invocationsBefore
              && row(after[0].path("tables"), ordersTable).path("items").asLong() > itemsBefore
              && sum(after[0].path("rules"), "deliveries") > deliveriesBefore;
        });
    JsonNode function = row(after[0].path("functions"), placeOrder);
    assertThat(function.path("p50Ms").asDouble()).isPositive();
    assertThat(function.path("p99Ms").asDouble())
        .isGreaterThanOrEqualTo(function.path("p50Ms").asDouble());
    assertThat(function.path("instancesWarm").asInt() + function.path("instancesBusy").asInt())
        .isEqualTo(function.path("instancesLive").asInt());
    // PlaceOrder is provisioned (warm before ready): its instance counts, but no cold start.
    assertThat(function.path("instancesLive").asInt()).isPositive();
    assertThat(function.has("coldStarts")).isTrue();
    assertThat(sum(after[0].path("rules"), "matches")).isGreaterThan(matchesBefore);
    assertThat(after[0].path("queues"))
        .isNotEmpty()
        .allSatisfy(queue -> assertThat(queue.has("visible")).as(queue.toString()).isTrue())
        .anySatisfy(queue -> assertThat(queue.path("deadLetterQueue").asText()).isNotEmpty());
  }

  @Test
  void invocations_afterOrder_listsPlaceOrderFromTheApiWithRequestId() {
    String placeOrder = cloud.stack().stack().function("PlaceOrderFunction").orElseThrow().name();
    orders.placed("console-2", "c-console", "SKU-002", 1);

    JsonNode list = Http.json(get("api/invocations?limit=1000").body());

    assertThat(list.path("capacity").asInt()).isEqualTo(1000);
    assertThat(list.path("invocations"))
        .anySatisfy(entry -> {
          assertThat(entry.path("function").asText()).isEqualTo(placeOrder);
          assertThat(entry.path("source").asText()).isEqualTo("api");
          assertThat(entry.path("outcome").asText()).isEqualTo("OK");
          assertThat(entry.path("requestId").asText()).matches("[0-9a-f-]{36}");
          assertThat(entry.path("durationMs").asDouble()).isPositive();
        });
    assertThat(Http.json(get("api/invocations?limit=1").body()).path("invocations")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=1001", "limit=abc", "limit=", "size=5"})
  void invocations_badQuery_400WithJsonProblem(String query) {
    HttpResponse<String> response = get("api/invocations?" + query);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).path("error").asText()).isEqualTo("InvalidParameter");
  }

  @Test
  void unknownPathOrMethod_404And405WithJsonProblem() throws Exception {
    HttpResponse<String> unknown = get("api/nothing");
    HttpResponse<String> asset = get("assets/secret.txt");
    HttpResponse<String> post =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(console.resolve("api/overview"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Http.json(unknown.body()).path("message").asText()).contains("/_idem/api/nothing");
    assertThat(asset.statusCode()).isEqualTo(404);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    assertThat(get("nothing").statusCode()).isEqualTo(404);
    // A page of one thing needs its name; the faults page has none.
    for (String noPage : new String[] {"queues", "tables/", "invocations", "fault-injection/x"}) {
      assertThat(get(noPage).statusCode()).as(noPage).isEqualTo(404);
    }
    for (String page :
        new String[] {"flows", "flows/", "queues/PaymentsQueue", "fault-injection"}) {
      assertThat(get(page).statusCode()).as(page).isEqualTo(200);
    }
  }

  @Test
  void page_servedWithItsAssets_besideHealthAndFaultApi() {
    HttpResponse<String> page = get("");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("/_idem/assets/console.js", "/_idem/assets/overview.js");
    assertThat(get("assets/overview.js").body()).contains("/_idem/api/overview");
    assertThat(get("assets/console.css").statusCode()).isEqualTo(200);
    assertThat(get("health").statusCode()).isEqualTo(200);
    assertThat(get("faults").statusCode()).isEqualTo(200);
  }

  private static JsonNode overview() {
    HttpResponse<String> response = get("api/overview");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response.body());
  }

  private static HttpResponse<String> get(String path) {
    return Http.get(console.resolve(path));
  }

  private static JsonNode row(JsonNode rows, String name) {
    return StreamSupport.stream(rows.spliterator(), false)
        .filter(row -> row.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " in " + rows));
  }

  private static long sum(JsonNode rows, String field) {
    return StreamSupport.stream(rows.spliterator(), false)
        .mapToLong(row -> row.path(field).asLong())
        .sum();
  }
}

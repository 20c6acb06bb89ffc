package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.faults.FaultPlan;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's flows and invocation detail on a real local cloud (the repository's template): an
 * order followed from its API request to FULFILLED, a duplicate POST seen ending in a replay, an
 * injected fault seen on the path with the retry after it, and bad ids answered 400 or 404.
 */
class FlowIT {

  private static LocalCloud cloud;
  private static Orders orders;
  private static URI console;

  @BeforeAll
  static void start() {
    cloud = LocalCloud.start(TestClouds.options("FlowIT", new TestClouds.Console("FlowIT")));
    orders = new Orders(cloud);
    console = cloud.consoleUrl().orElseThrow();
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @AfterEach
  void noFaults() {
    cloud.faults().replace(List.of());
  }

  @Test
  void flow_orderFulfilled_everyHopFromTheApiRequestToTheFulfilledWrite() {
    String orderId = orders.placed("flow-1", "c-flow", "SKU-001", 1);
    orders.awaitStatus(orderId, Set.of("FULFILLED"));

    // The FULFILLED write happens inside ReserveInventory's invocation, whose hop is kept when the
    // invocation ends: wait for both.
    JsonNode flow =
        awaitFlow(
            orderId,
            hops ->
                has(hops, hop -> isWrite(hop) && hop.path("request").asText().contains("FULFILLED"))
                    && has(hops, hop -> function(hop, "ReserveInventoryFunction")));
    List<JsonNode> hops = list(flow.path("hops"));

    JsonNode api = first(hops, hop -> kind(hop, "api-request"));
    assertThat(api.path("summary").asText()).isEqualTo("POST /orders → 201");
    assertThat(api.path("idempotencyKey").asText()).isEqualTo("[redacted]");
    assertThat(api.path("offsetMs").asDouble()).isZero();
    JsonNode place = first(hops, hop -> function(hop, "PlaceOrderFunction"));
    assertThat(place.path("source").asText()).isEqualTo("api");
    assertThat(place.path("requestId").asText()).isEqualTo(api.path("requestId").asText());
    assertThat(place.path("decisions"))
        .anySatisfy(decision -> {
          assertThat(decision.path("decision").asText()).isEqualTo("FIRST_EXECUTION");
          assertThat(decision.path("keyHash").asText()).matches("[0-9a-f]{16}");
        });
    assertThat(hops)
        .anySatisfy(hop -> {
          assertThat(isWrite(hop)).isTrue();
          assertThat(hop.path("resource").asText()).contains(table("OrdersTable"));
          assertThat(hop.path("function").asText()).isEqualTo(name("PlaceOrderFunction"));
        });
    JsonNode relay = first(hops, hop -> function(hop, "OrderEventsRelayFunction"));
    assertThat(relay.path("source").asText()).isEqualTo("dynamodb");
    assertThat(relay.path("sourceName").asText()).isEqualTo(table("OrdersTable"));
    assertThat(hops)
        .anySatisfy(hop -> assertThat(hop.path("operation").asText()).isEqualTo("PutEvents"))
        .anySatisfy(hop -> assertThat(hop.path("kind").asText()).isEqualTo("event-match"))
        .anySatisfy(hop -> assertThat(hop.path("outcome").asText()).isEqualTo("delivered"));
    for (String consumer : List.of("CapturePaymentFunction", "ReserveInventoryFunction")) {
      assertThat(first(hops, hop -> function(hop, consumer)).path("source").asText())
          .isEqualTo("sqs");
    }
    JsonNode charge =
        first(
            hops,
            hop -> kind(hop, "stub-call") && hop.path("resource").asText().equals("payments"));
    assertThat(charge.path("keyHash").asText()).matches("[0-9a-f]{16}");
    assertThat(charge.path("request").asText()).contains(orderId);
    assertThat(hops).extracting(hop -> hop.path("offsetMs").asDouble()).isSorted();
    assertThat(flow.path("hopCount").asInt()).isEqualTo(hops.size());
    assertThat(flow.path("cut").asBoolean()).isFalse();
    assertThat(flow.toString()).doesNotContain("flow-1");

    // The order's later hops (the notification) may still come: the same flow, asked both ways.
    String apiRequestId = api.path("apiRequestId").asText();
    Await.until(
        "the flow by request id and by order id to show the same hops",
        Orders.FLOW_DEADLINE,
        () ->
            Http.json(get("api/flows/" + apiRequestId).body()).path("hops").size()
                == Http.json(get("api/flows/" + orderId).body()).path("hops").size());

    JsonNode recent = Http.json(get("api/flows?limit=50").body());
    assertThat(recent.path("flows"))
        .anySatisfy(row -> {
          assertThat(row.path("id").asText()).isEqualTo(orderId);
          assertThat(row.path("label").asText()).isEqualTo("POST /orders → 201");
          assertThat(row.path("hopCount").asInt()).isGreaterThan(10);
        });
  }

  @Test
  void flow_samePostTwice_theSecondEndsInAReplay() {
    HttpResponse<String> first = orders.place("flow-dup", "c-dup", "SKU-002", 1);
    HttpResponse<String> second = orders.place("flow-dup", "c-dup", "SKU-002", 1);
    assertThat(second.statusCode()).isEqualTo(first.statusCode()).isEqualTo(201);
    String orderId = Http.json(first.body()).path("orderId").asText();

    JsonNode flow =
        awaitFlow(
            orderId,
            hops ->
                list(hops).stream().filter(hop -> function(hop, "PlaceOrderFunction")).count()
                    == 2);
    List<JsonNode> places =
        list(flow.path("hops")).stream()
            .filter(hop -> function(hop, "PlaceOrderFunction"))
            .toList();

    assertThat(places.get(0).path("decisions").get(0).path("decision").asText())
        .isEqualTo("FIRST_EXECUTION");
    assertThat(places.get(1).path("decisions").get(0).path("decision").asText())
        .isIn("REPLAY", "CACHE_HIT");
    assertThat(places.get(1).path("decisions").get(0).path("keyHash").asText())
        .isEqualTo(places.get(0).path("decisions").get(0).path("keyHash").asText());
    assertThat(flow.path("replays").asInt()).isEqualTo(1);
    assertThat(list(flow.path("hops")).stream().filter(hop -> kind(hop, "api-request")).count())
        .isEqualTo(2);

    JsonNode detail =
        Http.json(get("api/invocations/" + places.get(1).path("requestId").asText()).body());
    assertThat(detail.path("source").asText()).isEqualTo("api");
    assertThat(detail.path("sourceName").asText()).isEqualTo("POST /orders");
    assertThat(detail.path("payload").asText()).contains("[redacted]").doesNotContain("flow-dup");
    assertThat(detail.path("response").asText()).contains(orderId);
    assertThat(detail.path("log").asText()).contains("idempotency decision");
    assertThat(detail.path("decisions").get(0).path("words").asText())
        .matches("(replay|cache hit): .*");
  }

  @Test
  void flow_putEventsRefusedOnce_faultShownThenTheSdksRetry() {
    faults(
        "[{\"kind\":\"aws-error\",\"service\":\"events\",\"operation\":\"PutEvents\",\"limit\":1}]");
    String orderId = orders.placed("flow-fault", "c-fault", "SKU-001", 1);
    orders.awaitStatus(orderId, Set.of("FULFILLED"));

    JsonNode flow =
        awaitFlow(
            orderId,
            hops -> {
              List<JsonNode> all = list(hops);
              int fault = index(all, hop -> kind(hop, "fault"));
              return fault > 0 && index(all.subList(fault, all.size()), FlowIT::putEventsOk) >= 0;
            });
    List<JsonNode> hops = list(flow.path("hops"));
    int fault = index(hops, hop -> kind(hop, "fault"));

    JsonNode refused = hops.get(fault - 1);
    assertThat(refused.path("operation").asText()).isEqualTo("PutEvents");
    assertThat(refused.path("outcome").asText()).isEqualTo("error: ServiceUnavailable (HTTP 503)");
    assertThat(hops.get(fault).path("fault").asText()).isEqualTo("aws-error");
    assertThat(hops.get(fault).path("requestId").asText())
        .isEqualTo(refused.path("requestId").asText());
    JsonNode retried =
        hops.get(fault + index(hops.subList(fault, hops.size()), FlowIT::putEventsOk));
    assertThat(retried.path("requestId").asText()).isEqualTo(refused.path("requestId").asText());
    assertThat(flow.path("faults").asInt()).isEqualTo(1);
  }

  @Test
  void flow_eventDeliveredTwice_theDuplicateEndsInAReplayNotASecondCharge() {
    faults("[{\"kind\":\"event-duplicate\",\"rule\":\"OrderPlacedToPayments\",\"limit\":1}]");
    String orderId = orders.placed("flow-twice", "c-twice", "SKU-002", 1);
    orders.awaitStatus(orderId, Set.of("FULFILLED"));

    JsonNode flow =
        awaitFlow(
            orderId,
            hops ->
                list(hops).stream()
                        .filter(hop -> function(hop, "CapturePaymentFunction"))
                        .flatMap(hop -> list(hop.path("decisions")).stream())
                        .count()
                    >= 2);
    List<JsonNode> hops = list(flow.path("hops"));
    int fault = index(hops, hop -> kind(hop, "fault"));

    assertThat(hops.get(fault).path("fault").asText()).isEqualTo("event-duplicate");
    assertThat(hops.subList(fault, hops.size()))
        .anySatisfy(
            hop -> assertThat(hop.path("summary").asText()).contains("a duplicate delivery"));
    List<String> decisions =
        hops.stream()
            .filter(hop -> function(hop, "CapturePaymentFunction"))
            .flatMap(hop -> list(hop.path("decisions")).stream())
            .map(decision -> decision.path("decision").asText())
            .toList();
    assertThat(decisions).contains("FIRST_EXECUTION").hasSize(2);
    assertThat(decisions).containsAnyOf("REPLAY", "CACHE_HIT", "IN_FLIGHT");
    assertThat(
            hops.stream()
                .filter(hop ->
                    kind(hop, "stub-call") && hop.path("resource").asText().equals("payments"))
                .count())
        .as("one charge")
        .isEqualTo(1);
    assertThat(flow.toString()).doesNotContain("charge-" + orderId);
  }

  @Test
  void invocation_unknownOrBadId_404Or400() {
    HttpResponse<String> unknown = get("api/invocations/no-such-request");
    HttpResponse<String> control = get("api/invocations/a%01b");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Http.json(unknown.body()).path("error").asText()).isEqualTo("InvocationNotFound");
    assertThat(control.statusCode()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"%20", "a%01b", "a%0Ab"})
  void flow_unusableId_400(String id) {
    HttpResponse<String> response = get("api/flows/" + id);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(Http.json(response.body()).path("error").asText()).isEqualTo("InvalidFlowId");
  }

  @Test
  void flow_tooLongOrUnknownId_400Or404() {
    assertThat(get("api/flows/" + "x".repeat(257)).statusCode()).isEqualTo(400);
    HttpResponse<String> unknown = get("api/flows/nothing-names-this");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Http.json(unknown.body()).path("error").asText()).isEqualTo("FlowNotFound");
    assertThat(get("api/flows?limit=0").statusCode()).isEqualTo(400);
  }

  private static void faults(String rules) {
    cloud.faults().replace(FaultPlan.parse(rules).rules());
  }

  private static boolean putEventsOk(JsonNode hop) {
    return hop.path("operation").asText().equals("PutEvents") && hop.path("status").asInt() == 200;
  }

  /** Polls the flow until {@code done} holds for its hops, and returns it. */
  private static JsonNode awaitFlow(String id, Predicate<JsonNode> done) {
    JsonNode[] last = {null};
    Await.until(
        "the flow of " + id + " to show its hops",
        Orders.FLOW_DEADLINE,
        () -> {
          HttpResponse<String> response = get("api/flows/" + id);
          if (response.statusCode() != 200) {
            return false;
          }
          last[0] = Http.json(response.body());
          return done.test(last[0].path("hops"));
        });
    return last[0];
  }

  private static HttpResponse<String> get(String path) {
    return Http.get(console.resolve(path));
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  private static boolean has(JsonNode hops, Predicate<JsonNode> test) {
    return list(hops).stream().anyMatch(test);
  }

  private static JsonNode first(List<JsonNode> hops, Predicate<JsonNode> test) {
    return hops.stream()
        .filter(test)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no such hop among " + hops));
  }

  private static int index(List<JsonNode> hops, Predicate<JsonNode> test) {
    List<JsonNode> copy = new ArrayList<>(hops);
    for (int i = 0; i < copy.size(); i++) {
      if (test.test(copy.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean kind(JsonNode hop, String kind) {
    return hop.path("kind").asText().equals(kind);
  }

  private static boolean function(JsonNode hop, String logicalId) {
    return kind(hop, "invocation") && hop.path("function").asText().equals(name(logicalId));
  }

  private static boolean isWrite(JsonNode hop) {
    return kind(hop, "aws-call")
        && Set.of("PutItem", "UpdateItem", "TransactWriteItems")
            .contains(hop.path("operation").asText());
  }

  private static String name(String logicalId) {
    return cloud.stack().stack().function(logicalId).orElseThrow().name();
  }

  private static String table(String logicalId) {
    return cloud.stack().stack().table(logicalId).orElseThrow().name();
  }
}

package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The orders system end to end on one local cloud (the real functions jar, free ports), from each
 * of its two sources — template.yaml and the CDK app's OrdersStack — with the same expectations:
 * over HTTP as a client, through the stubs' listings and the queues as an operator.
 */
@ParameterizedClass
@EnumSource(Source.class)
class OrderFlowIT {

  private static TestClouds.Console console;
  private static LocalCloud cloud;

  /** Where the system comes from, for this run of the class. */
  @Parameter Source source;

  private static Orders orders;

  @BeforeParameterizedClassInvocation
  static void start(Source source) {
    console = new TestClouds.Console("OrderFlowIT-" + source);
    cloud = LocalCloud.start(source.options("OrderFlowIT-" + source, console));
    orders = new Orders(cloud);
    // A batch that failed for the machine's sake (an instance's init outlasting its 10 s on two
    // busy cores) comes back in 30 s, within the flow's deadline, not in the template's 180 s.
    orders.visibilityTimeout(Duration.ofSeconds(30));
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    if (cloud != null) {
      cloud.close();
      cloud = null;
    }
  }

  @Test
  void start_repositoryTemplate_readyWithSummaryAndSeed() {
    assertThat(console.lines())
        .anySatisfy(line -> assertThat(line).startsWith("not emulated: resources"))
        .anySatisfy(
            line -> assertThat(line).startsWith("seeded CatalogTable 12, InventoryTable 12"))
        .anySatisfy(line -> assertThat(line).matches("ready in \\d+ ms"));
    assertThat(cloud.readyTime()).isPositive();
  }

  @Test
  void placeOrder_normal_paidAndFulfilledWithOneChargeAndOneNotificationPerEvent() {
    String orderId = orders.placed("flow-1", "c-flow", "SKU-001", 2);

    JsonNode order = orders.awaitStatus(orderId, Set.of("FULFILLED"));
    Await.until(
        "both notifications and an empty notifications queue",
        Orders.FLOW_DEADLINE,
        () -> orders.messages(orderId).size() >= 2 && orders.depth("NotificationsQueue") == 0);

    assertThat(order.path("total").asLong()).isEqualTo(4980);
    assertThat(order.path("inventory").asText()).isEqualTo("RESERVED");
    assertThat(order.path("paymentId").asText()).startsWith("ch_");
    assertThat(orders.charges(orderId))
        .singleElement()
        .satisfies(charge -> assertThat(charge.path("amount").asLong()).isEqualTo(4980));
    assertThat(orders.messages(orderId))
        .extracting(message -> message.path("template").asText())
        .containsExactlyInAnyOrder("PaymentCaptured", "InventoryReserved");
  }

  @Test
  void placeOrder_replayedKey_sameResponseMarkedReplayedOneOrder() {
    HttpResponse<String> first = orders.place("replay-1", "c-replay", "SKU-002", 1);
    HttpResponse<String> second = orders.place("replay-1", "c-replay", "SKU-002", 1);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(Http.json(second.body())).isEqualTo(Http.json(first.body()));
    assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(orders.ordersOf("c-replay")).hasSize(1);
  }

  @Test
  void placeOrder_tenConcurrentDuplicates_oneOrderAllAnsweredWithIt() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> answers = new ArrayList<>();
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 10; i++) {
        answers.add(
            clients.submit(() -> {
              go.await();
              return placeRetryingWhileBusy("dup-1", "c-dup");
            }));
      }
      go.countDown();
    }

    List<String> orderIds = new ArrayList<>();
    for (Future<String> answer : answers) {
      orderIds.add(answer.get());
    }
    assertThat(orderIds).hasSize(10).containsOnly(orderIds.get(0));
    assertThat(orders.ordersOf("c-dup")).hasSize(1);
  }

  // A client retries what the API asks it to retry: 409 (the same key still running), 429.
  private static String placeRetryingWhileBusy(String key, String customerId) {
    String[] orderId = {null};
    Await.until(
        "a 201 for " + key,
        Duration.ofSeconds(60),
        () -> {
          HttpResponse<String> response = orders.place(key, customerId, "SKU-004", 3);
          assertThat(response.statusCode()).as(response.body()).isIn(201, 409, 429);
          if (response.statusCode() == 201) {
            orderId[0] = Http.json(response.body()).path("orderId").asText();
          }
          return orderId[0] != null;
        });
    return orderId[0];
  }

  /**
   * template.yaml declares request validation on {@code POST /orders} (a RequestModel with
   * ValidateBody and a BAD_REQUEST_BODY gateway response): as in API Gateway, the invalid body is
   * refused before PlaceOrder runs, so its key stays free for the corrected request.
   */
  @Test
  void placeOrder_bodyTheModelRefuses_apiAnswersAProblemWithoutInvokingPlaceOrder() {
    String placeOrder = orders.function("PlaceOrder");
    long before = orders.invocations(placeOrder);
    String coupon =
        Orders.body("c-hostile", "SKU-003", 1)
            .replace("\"currency\"", "\"coupon\":\"FREE\",\"currency\"");

    HttpResponse<String> refused = orders.post("hostile-1", "application/json", coupon);
    long afterRefusal = orders.invocations(placeOrder);
    orders.placed("hostile-1", "c-hostile", "SKU-003", 1);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(refused.headers().firstValue("x-amzn-ErrorType")).contains("BadRequestException");
    JsonNode problem = Http.json(refused.body());
    assertThat(problem.path("type").asText()).isEqualTo("urn:idem:problem:invalid-request");
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("detail").asText()).contains("coupon");
    assertThat(afterRefusal).isEqualTo(before);
    assertThat(orders.ordersOf("c-hostile")).hasSize(1);
  }

  /**
   * API Gateway validates only the content types that have a model; PlaceOrder checks every body,
   * and refuses what is too large, which a schema cannot say.
   */
  @Test
  void placeOrder_bodyPastTheApisValidation_refusedByPlaceOrderItself() {
    String coupon =
        Orders.body("c-past", "SKU-003", 1)
            .replace("\"currency\"", "\"coupon\":\"FREE\",\"currency\"");
    String large = "{" + " ".repeat(70_000) + Orders.body("c-past", "SKU-003", 1).substring(1);

    HttpResponse<String> asText = orders.post("past-1", "text/plain", coupon);
    HttpResponse<String> tooLarge = orders.post("past-2", "application/json", large);

    assertThat(asText.statusCode()).isEqualTo(400);
    assertThat(Http.json(asText.body()).path("detail").asText())
        .isEqualTo("coupon is not allowed; a request has only customerId, currency and lines");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(Http.json(tooLarge.body()).path("type").asText())
        .isEqualTo("urn:idem:problem:content-too-large");
    for (HttpResponse<String> response : List.of(asText, tooLarge)) {
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("application/problem+json");
      assertThat(response.headers().firstValue("X-Correlation-Id")).isPresent();
    }
    assertThat(orders.ordersOf("c-past")).isEmpty();
  }

  @Test
  void placeOrder_highValue_reachesReviewQueueNormalOneDoesNot() {
    String high = orders.placed("review-high", "c-review", "SKU-008", 2); // 1798.00 >= 1000.00
    String normal = orders.placed("review-normal", "c-review", "SKU-009", 1); // 19.90

    List<String> reviewed = new ArrayList<>();
    Await.until(
        "the high-value order in the review queue",
        Orders.FLOW_DEADLINE,
        () -> reviewed.addAll(reviewOrderIds()) && reviewed.contains(high));
    orders.awaitStatus(normal, Set.of("PAID", "FULFILLED"));
    reviewed.addAll(reviewOrderIds());

    assertThat(reviewed).contains(high).doesNotContain(normal);
  }

  private static List<String> reviewOrderIds() {
    List<Message> received =
        cloud
            .clients()
            .sqs()
            .receiveMessage(r ->
                r.queueUrl(orders.queueUrl("ReviewQueue"))
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(1))
            .messages();
    return received.stream()
        .map(m -> Http.json(m.body()).at("/detail/data/orderId").asText())
        .toList();
  }
}

package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.testing.LocalFaults;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's example of a test under faults: the reference system with duplicate deliveries and
 * lost answers at every hop, driven as a client would (a 502 or a lost answer is retried with the
 * same Idempotency-Key), and the system's own invariants stated over what it holds afterwards.
 */
class FaultsExampleIT {

  private static final int ORDERS = 6;

  /**
   * The main class of a function instance's JVM: the test JVM may have other children (jsii's Node
   * process, once a test has synthesized the CDK app).
   */
  private static final String INSTANCE_MAIN =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  @Test
  void orders_underDuplicatesAndLostAnswers_eachPlacedOnceChargedOnceNotifiedOncePerEvent() {
    TestClouds.Console console = new TestClouds.Console("FaultsExampleIT");
    List<ProcessHandle> instances;
    try (LocalCloud cloud = LocalCloud.start(TestClouds.options("FaultsExampleIT", console));
        LocalFaults faults = LocalFaults.at(cloud.awsEndpoint())) {
      faults.install(
          // PlaceOrder dies right after its transaction (its 2nd AWS call): the client gets a 502
          LocalFaults.rule("lambda-kill-after-call")
              .match("function", "PlaceOrderFunction")
              .set("call", 2)
              .limit(2),
          // The relay's events reported failed although EventBridge delivered them
          LocalFaults.rule("putevents-failed-delivered").probability(0.3),
          // Every hop after it delivers twice
          LocalFaults.rule("stream-duplicate").probability(0.5),
          LocalFaults.rule("event-duplicate").probability(0.5),
          LocalFaults.rule("sqs-duplicate").probability(0.5));
      Orders orders = new Orders(cloud);
      // A batch that fails for another reason (an instance slow to start on a busy machine) comes
      // back in 30 s instead of the template's 3 minutes.
      orders.visibilityTimeout(Duration.ofSeconds(30));

      List<String> placed = new ArrayList<>();
      for (int i = 0; i < ORDERS; i++) {
        placed.add(placeRetrying(orders, "example-" + i));
      }
      placed.forEach(id -> orders.awaitStatus(id, Set.of("FULFILLED"), Duration.ofMinutes(3)));

      // One order per key, even for the keys whose first answer was lost
      assertThat(orders.ordersOf("c-example")).hasSize(ORDERS);
      for (String orderId : placed) {
        JsonNode order = orders.order(orderId);
        // One charge, of the order's total
        assertThat(orders.charges(orderId))
            .singleElement()
            .satisfies(
                c -> assertThat(c.path("amount").asLong()).isEqualTo(order.path("total").asLong()));
        // One message per notifying event: PaymentCaptured and InventoryReserved
        Await.until(
            "two notifications for " + orderId,
            Duration.ofMinutes(3),
            () -> orders.messages(orderId).size() >= 2);
        assertThat(orders.messages(orderId)).hasSize(2);
      }
      LocalFaults.Log log = faults.log();
      assertThat(log.count("lambda-kill-after-call")).isEqualTo(2);
      assertThat(log.count("sqs-duplicate")).isPositive();
      instances =
          ProcessHandle.current()
              .descendants()
              .filter(p -> p.info().commandLine().orElse("").contains(INSTANCE_MAIN))
              .toList();
      assertThat(instances).isNotEmpty();
    }
    // A faulted run leaves no instance process behind.
    assertThat(instances).noneMatch(ProcessHandle::isAlive);
  }

  /** A client retries a 5xx (here: a 502 from a killed instance) with the same key. */
  private static String placeRetrying(Orders orders, String key) {
    for (int attempt = 0; attempt < 10; attempt++) {
      HttpResponse<String> response = orders.place(key, "c-example", "SKU-005", 1);
      if (response.statusCode() == 201) {
        return Http.json(response.body()).path("orderId").asText();
      }
      assertThat(response.statusCode()).as(response.body()).isIn(429, 502, 503);
    }
    throw new AssertionError("order " + key + " not accepted after 10 attempts");
  }
}

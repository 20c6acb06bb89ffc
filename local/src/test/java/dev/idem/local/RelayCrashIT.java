package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.testing.LocalFaults;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Regression: the relay's instance killed right after it claimed a stream record's key. The key
 * stays held until the dead invocation's lease ends (its remaining time, up to 20 s), and Lambda
 * retries a failed stream batch within seconds; before the stream adapter waited for held keys,
 * every retry found the record in flight, the five retries ran out within about three seconds, and
 * the batch went to the OnFailure queue: OrderPlaced was never published and the order stayed
 * PLACED. Found with {@code lambda-kill-after-call} on OrderEventsRelayFunction, call 1.
 */
class RelayCrashIT {

  @Test
  void relayKilledAfterItsClaim_eventStillPublishedAndOrderFulfilled() {
    TestClouds.Console console = new TestClouds.Console("RelayCrashIT");
    try (LocalCloud cloud = LocalCloud.start(TestClouds.options("RelayCrashIT", console));
        LocalFaults faults = LocalFaults.at(cloud.awsEndpoint())) {
      faults.install(
          LocalFaults.rule("lambda-kill-after-call")
              .match("function", "OrderEventsRelayFunction")
              .set("call", 1)
              .limit(1));
      Orders orders = new Orders(cloud);

      String id = orders.placed("relay-crash-1", "c-relay", "SKU-005", 1);

      orders.awaitStatus(id, Set.of("FULFILLED"));
      assertThat(faults.log().count("lambda-kill-after-call")).isEqualTo(1);
      assertThat(orders.depth("OrderEventsRelayDLQ")).isZero();
    }
  }
}

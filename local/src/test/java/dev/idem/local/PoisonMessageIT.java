package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A message CapturePayment can never handle goes to PaymentsDLQ after the queue's maxReceiveCount
 * (5) receives, while other orders flow past it.
 */
class PoisonMessageIT {

  private static LocalCloud cloud;
  private static Orders orders;

  @BeforeAll
  static void start() {
    cloud =
        LocalCloud.start(
            TestClouds.options("PoisonMessageIT", new TestClouds.Console("PoisonMessageIT")));
    orders = new Orders(cloud);
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void poisonMessage_onPaymentsQueue_endsInItsDlqWhileOrdersFlow() {
    orders.awaitStatus(orders.placed("poison-warm", "c-poison", "SKU-005", 1), Set.of("FULFILLED"));
    // 180 s between receives would take 15 minutes; 3 s still outlasts a warm batch (1 s window).
    cloud
        .clients()
        .sqs()
        .setQueueAttributes(r ->
            r.queueUrl(orders.queueUrl("PaymentsQueue"))
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3")));

    cloud
        .clients()
        .sqs()
        .sendMessage(r -> r.queueUrl(orders.queueUrl("PaymentsQueue")).messageBody("poison"));
    String after = orders.placed("poison-after", "c-poison", "SKU-006", 1);

    assertThat(orders.awaitStatus(after, Set.of("PAID", "FULFILLED")).path("paymentId").asText())
        .startsWith("ch_");
    Await.until(
        "the poison message in PaymentsDLQ",
        Orders.FLOW_DEADLINE,
        () -> orders.depth("PaymentsDLQ") == 1);
    List<Message> dead =
        cloud
            .clients()
            .sqs()
            .receiveMessage(r -> r.queueUrl(orders.queueUrl("PaymentsDLQ")).waitTimeSeconds(1))
            .messages();
    assertThat(dead).singleElement().extracting(Message::body).isEqualTo("poison");
    assertThat(orders.depth("PaymentsQueue")).isZero();
  }
}

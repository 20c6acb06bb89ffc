package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A message CapturePayment can never handle goes to the payments DLQ after the queue's
 * maxReceiveCount (5) receives, while other orders flow past it; from template.yaml and from the
 * CDK app's OrdersStack alike.
 */
@ParameterizedClass
@EnumSource(Source.class)
class PoisonMessageIT {

  private static LocalCloud cloud;

  /** Where the system comes from, for this run of the class. */
  @Parameter Source source;

  private static Orders orders;

  @BeforeParameterizedClassInvocation
  static void start(Source source) {
    String name = "PoisonMessageIT-" + source;
    cloud = LocalCloud.start(source.options(name, new TestClouds.Console(name)));
    orders = new Orders(cloud);
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    if (cloud != null) {
      cloud.close();
      cloud = null;
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

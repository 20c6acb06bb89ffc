package dev.idem.functions.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.events.DomainEvent;
import dev.idem.events.PaymentCaptured;
import dev.idem.functions.fulfilment.CapturedOutput;
import dev.idem.functions.testkit.OrderFixtures;
import dev.idem.functions.testkit.QueueDriver;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.functions.testkit.SqsEvents;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.ElasticMqExtension;
import dev.idem.testing.StubProvider;
import dev.idem.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** NotifyCustomerHandler: one message per event, through redelivery and provider failures. */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class NotifyCustomerIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ReferenceTables tables;
  private static StubProvider sender;

  private final CapturedOutput out = new CapturedOutput();
  private QueueDriver queue;

  @BeforeAll
  static void createTables(DynamoDbClient dynamo) {
    tables = ReferenceTables.create(dynamo);
    sender = StubProvider.start("msg");
  }

  @AfterAll
  static void dropTables() {
    sender.close();
    tables.drop();
  }

  @BeforeEach
  void createQueue(SqsClient sqs) {
    sender.reset();
    queue = QueueDriver.create(sqs, "notifications", handler(out));
  }

  @AfterEach
  void deleteQueue() {
    queue.close();
  }

  @Test
  void handleRequest_paymentAndInventoryEvents_sendsOneMessageEachWithItsTemplate()
      throws Exception {
    List<DomainEvent<?>> events =
        List.of(
            OrderFixtures.paymentCaptured("o-1"),
            OrderFixtures.paymentFailed("o-2"),
            OrderFixtures.inventoryReserved("o-3"),
            OrderFixtures.inventoryRejected("o-4"));

    queue.sendBatch(events.stream().map(SqsEvents::eventBridgeBody).toArray(String[]::new));
    queue.runUntilEmpty();

    assertThat(sender.requests())
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.path()).isEqualTo("/messages"));
    for (DomainEvent<?> event : events) {
      String eventId = event.metadata().eventId();
      assertThat(sender.requestsWithKey("notify-" + eventId))
          .singleElement()
          .satisfies(r ->
              assertThat(MAPPER.readTree(r.body()))
                  .isEqualTo(
                      MAPPER.valueToTree(
                          Map.of(
                              "orderId", event.data().orderId(),
                              "template", event.detailType(),
                              "eventId", eventId))));
    }
    assertThat(out.metric("NotificationsSent")).isEqualTo(4);
  }

  @Test
  void handleRequest_eventRedeliveredAndRepublished_sendsOnce(SqsClient sqs) {
    DomainEvent<PaymentCaptured> captured = OrderFixtures.paymentCaptured("o-5");
    String body = SqsEvents.eventBridgeBody(captured, "envelope-1");

    queue.sendBatch(body, body);
    queue.runUntilEmpty();
    try (QueueDriver other = QueueDriver.create(sqs, "notifications", handler(out))) {
      other.send(SqsEvents.eventBridgeBody(captured, "envelope-2"));
      other.runUntilEmpty();
    }

    assertThat(sender.requests()).hasSize(1);
    assertThat(out.metric("NotificationsSent")).isEqualTo(1);
  }

  @Test
  void handleRequest_provider5xxThenAccepts_retriesUnderTheSameKeyAndSendsOnce() {
    sender.failNext(1, 500);
    DomainEvent<PaymentCaptured> captured = OrderFixtures.paymentCaptured("o-6");

    String messageId = queue.send(SqsEvents.eventBridgeBody(captured));
    queue.runUntilEmpty();

    assertThat(sender.requests())
        .hasSize(2)
        .allSatisfy(r ->
            assertThat(r.idempotencyKey()).isEqualTo("notify-" + captured.metadata().eventId()));
    assertThat(queue.deliveries(messageId)).isEqualTo(2);
    assertThat(out.metric("NotificationsSent")).isEqualTo(1);
  }

  @Test
  void handleRequest_providerAlwaysTimesOut_deadLettersAfterMaxReceives() {
    sender.answerAlways(new StubProvider.Answer(0, null, Duration.ofSeconds(5)));

    queue.send(SqsEvents.eventBridgeBody(OrderFixtures.paymentFailed("o-7")));
    queue.runUntilDeadLettered(1);

    assertThat(sender.requests()).hasSize(QueueDriver.MAX_RECEIVE_COUNT);
    assertThat(out.metric("NotificationsSent")).isZero();
  }

  @Test
  void handleRequest_poisonMessagesInABatch_deadLettersThemAndSendsTheRest() {
    String orderPlaced =
        SqsEvents.eventBridgeBody(OrderFixtures.orderPlaced(OrderFixtures.line("SKU-001", 1)));
    String notAnEvent = "{\"hello\":\"world\"}";

    List<String> ids =
        queue.sendBatch(
            orderPlaced,
            SqsEvents.eventBridgeBody(OrderFixtures.inventoryReserved("o-8")),
            notAnEvent);
    queue.runUntilDeadLettered(2);
    queue.runUntilEmpty();

    assertThat(queue.invocations().get(0).failedIds())
        .containsExactlyInAnyOrder(ids.get(0), ids.get(2));
    assertThat(sender.requests()).hasSize(1);
    assertThat(queue.deadLetterBodies()).containsExactlyInAnyOrder(orderPlaced, notAnEvent);
    assertThat(out.logs("WARN"))
        .extracting(l -> l.path("reason").asText())
        .contains("This function does not handle OrderPlaced events");
  }

  @Test
  void handleRequest_sampleEvent_sendsTheReceipt() {
    SQSEvent sample = EventLoader.loadSQSEvent("../events/samples/notify-customer.json");

    SQSBatchResponse response = handler(out).handleRequest(sample, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(sender.requests())
        .singleElement()
        .satisfies(r -> {
          JsonNode body = MAPPER.readTree(r.body());
          assertThat(body.path("template").asText()).isEqualTo("PaymentCaptured");
          assertThat(r.idempotencyKey()).isEqualTo("notify-6c7a5bff-0409-316b-9d1f-7e540f89e690");
        });
  }

  private static NotifyCustomerHandler handler(CapturedOutput out) {
    NotifyCustomerConfig config =
        NotifyCustomerConfig.fromEnv(
            Map.of(
                "IDEMPOTENCY_TABLE", tables.idempotency(),
                "NOTIFICATION_PROVIDER_URL", sender.url().toString(),
                "NOTIFICATION_PROVIDER_TIMEOUT_MS", "300"));
    return new NotifyCustomerHandler(
        config, tables.dynamo(), TestClock.atCurrentSecond(), out.stream());
  }
}

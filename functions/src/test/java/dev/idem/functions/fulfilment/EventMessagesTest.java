package dev.idem.functions.fulfilment;

import static dev.idem.functions.testkit.OrderFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventType;
import dev.idem.events.OrderPlaced;
import dev.idem.functions.testkit.OrderFixtures;
import dev.idem.functions.testkit.SqsEvents;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.lambda.SqsBatchIdempotency;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventMessagesTest {

  private final CapturedOutput out = new CapturedOutput();
  private final Telemetry telemetry =
      Telemetry.of("test", out.stream(), TestClock.atCurrentSecond());
  private final EventMessages messages =
      new EventMessages(Set.of(EventType.ORDER_PLACED), telemetry.log(), telemetry.metrics());
  private final SqsBatchIdempotency batch =
      messages.batch(
          Idempotency.builder()
              .store(new InMemoryIdempotencyStore())
              .keyPrefix("test")
              .listener(IdempotencyListener.NONE)
              .build());
  private final List<String> handled = new ArrayList<>();

  @Test
  void read_orderPlacedBody_returnsTheEvent() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.orderPlaced(line("SKU-001", 2));

    assertThat(messages.read(SqsEvents.message("m-1", SqsEvents.eventBridgeBody(placed))))
        .isEqualTo(placed);
    assertThat(out.lines()).isEmpty();
  }

  @Test
  void read_bodyNotJson_throwsPoisonAndLogsAWarningWithTheMessageId() {
    SQSMessage message = SqsEvents.message("m-2", "{not json");

    assertThatThrownBy(() -> messages.read(message)).isInstanceOf(PoisonMessageException.class);
    assertThat(out.logs("WARN"))
        .singleElement()
        .satisfies(l -> {
          assertThat(l.path("messageId").asText()).isEqualTo("m-2");
          assertThat(l.path("receiveCount").asText()).isEqualTo("1");
          assertThat(l.path("reason").asText()).contains("not valid JSON");
        });
    assertThat(out.metric("PoisonMessages")).isEqualTo(1);
  }

  @Test
  void read_eventOfAnotherType_throwsPoisonNamingTheType() {
    String body = SqsEvents.eventBridgeBody(OrderFixtures.paymentFailed("o-1"));

    assertThatThrownBy(() -> messages.read(SqsEvents.message("m-3", body)))
        .isInstanceOf(PoisonMessageException.class)
        .hasMessage("This function does not handle PaymentFailed events");
  }

  @Test
  void batch_sameEventUnderTwoEnvelopes_runsItOnce() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.orderPlaced(line("SKU-001", 1));

    SQSBatchResponse response =
        batch.process(
            SqsEvents.batch(
                SqsEvents.message("m-1", SqsEvents.eventBridgeBody(placed, "envelope-1")),
                SqsEvents.message("m-2", SqsEvents.eventBridgeBody(placed, "envelope-2"))),
            null,
            messages.handler(OrderPlaced.class, e -> handled.add(e.data().orderId())));

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(handled).containsExactly(placed.data().orderId());
  }

  @Test
  void batch_poisonBetweenGoodMessages_reportsOnlyThePoison() {
    DomainEvent<OrderPlaced> first = OrderFixtures.orderPlaced(line("SKU-001", 1));
    DomainEvent<OrderPlaced> second = OrderFixtures.orderPlaced(line("SKU-002", 1));

    SQSBatchResponse response =
        batch.process(
            SqsEvents.batch(
                SqsEvents.message("m-1", SqsEvents.eventBridgeBody(first)),
                SqsEvents.message("m-2", ""),
                SqsEvents.message("m-3", SqsEvents.eventBridgeBody(second))),
            null,
            messages.handler(OrderPlaced.class, e -> handled.add(e.data().orderId())));

    assertThat(response.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("m-2");
    assertThat(handled).containsExactly(first.data().orderId(), second.data().orderId());
  }

  @Test
  void handler_serviceThrows_logsTheFailureWithTheCorrelationIdAndFailsTheMessage() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.orderPlaced(line("SKU-001", 1));

    SQSBatchResponse response =
        batch.process(
            SqsEvents.batch(SqsEvents.message("m-1", SqsEvents.eventBridgeBody(placed))),
            null,
            messages.handler(
                OrderPlaced.class,
                e -> {
                  throw new IllegalStateException("provider down");
                }));

    assertThat(response.getBatchItemFailures()).hasSize(1);
    assertThat(out.logs("WARN"))
        .singleElement()
        .satisfies(l -> {
          assertThat(l.path("correlationId").asText()).isEqualTo(placed.metadata().correlationId());
          assertThat(l.path("eventId").asText()).isEqualTo(placed.metadata().eventId());
          assertThat(l.path("error").asText()).contains("provider down");
        });
  }
}

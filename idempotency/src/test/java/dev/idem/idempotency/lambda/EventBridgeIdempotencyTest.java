package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.idempotency.InFlightException;
import dev.idem.idempotency.InvalidIdempotencyKeyException;
import dev.idem.idempotency.PayloadMismatchException;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestLambdaContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventBridgeIdempotencyTest {

  record Receipt(String orderId, int attempt) {}

  private static final String EVENT_ID = "6a7e8feb-b491-4cf7-a9f1-bf3703467718";

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final EventBridgeIdempotency<ScheduledEvent> events =
      EventBridgeIdempotency.of(Fixtures.idempotency(store));
  private final EventBridgeIdempotency<JsonNode> jsonEvents =
      EventBridgeIdempotency.builder(Fixtures.idempotency(store)).buildForJson();
  private final EventBridgeIdempotency<Map<String, Object>> mapEvents =
      EventBridgeIdempotency.builder(Fixtures.idempotency(store)).buildForMap();
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void handle_redeliveredEvent_runsOnceAndReturnsTheStoredTypedResult() {
    Receipt first = events.handle(placed("o-1"), context, Receipt.class, this::receipt);

    Receipt again = events.handle(placed("o-1"), context, Receipt.class, this::receipt);

    assertThat(first).isEqualTo(new Receipt("o-1", 1));
    assertThat(again).isEqualTo(first);
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_sameIdWithAnotherDetail_throwsPayloadMismatch() {
    events.handle(placed("o-1"), context, Receipt.class, this::receipt);

    assertThatThrownBy(() -> events.handle(placed("o-2"), context, Receipt.class, this::receipt))
        .isInstanceOf(PayloadMismatchException.class);
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_eventWithoutId_throwsInvalidKeyWithoutRunning() {
    ScheduledEvent event = placed("o-1");
    event.setId(null);

    assertThatThrownBy(() -> events.handle(event, context, Receipt.class, this::receipt))
        .isInstanceOf(InvalidIdempotencyKeyException.class);
    assertThat(runs).hasValue(0);
  }

  @Test
  void handle_eventStillRunning_throwsInFlightWithTheLeaseLeft() {
    InFlightException[] concurrent = new InFlightException[1];

    events.handle(
        placed("o-1"),
        new TestLambdaContext(Duration.ofMillis(45_000)),
        Receipt.class,
        event -> {
          try {
            events.handle(placed("o-1"), context, Receipt.class, this::receipt);
          } catch (InFlightException e) {
            concurrent[0] = e;
          }
          return receipt(event);
        });

    assertThat(concurrent[0].retryAfter()).isEqualTo(Duration.ofSeconds(45));
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_handlerThrowsCheckedException_propagatesAndTheRetryRuns() {
    TimeoutException timeout = new TimeoutException("mail server");

    assertThatThrownBy(() ->
            events.handle(
                placed("o-1"),
                context,
                Receipt.class,
                event -> {
                  throw timeout;
                }))
        .isSameAs(timeout);
    Receipt retry = events.handle(placed("o-1"), context, Receipt.class, this::receipt);

    assertThat(retry).isEqualTo(new Receipt("o-1", 1));
  }

  @Test
  void handle_jsonNodeEvent_usesIdAndDetail() {
    JsonNode event =
        Fixtures.json(
            "{\"id\":\""
                + EVENT_ID
                + "\",\"source\":\"idem.orders\",\"detail\":{\"orderId\":\"o-1\"}}");
    JsonNode reordered =
        Fixtures.json(
            "{\"detail\":{\"orderId\":\"o-1\"},\"id\":\"" + EVENT_ID + "\",\"source\":\"other\"}");

    Receipt first = jsonEvents.handle(event, context, Receipt.class, e -> receipt("o-1"));
    Receipt again = jsonEvents.handle(reordered, context, Receipt.class, e -> receipt("o-1"));

    assertThat(again).isEqualTo(first);
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_mapEventOfTheSameEvent_sharesTheKeyWithTheScheduledEvent() {
    Map<String, Object> event =
        Map.of("id", EVENT_ID, "detail", Map.of("total", 120, "orderId", "o-1"));
    events.handle(placed("o-1"), context, Receipt.class, this::receipt);

    Receipt replay = mapEvents.handle(event, null, Receipt.class, e -> receipt("o-1"));

    assertThat(replay).isEqualTo(new Receipt("o-1", 1));
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_jsonNodeEventWithoutTextualId_throwsInvalidKey() {
    JsonNode event = Fixtures.json("{\"id\":42,\"detail\":{}}");

    assertThatThrownBy(() -> jsonEvents.handle(event, context, Receipt.class, e -> receipt("o")))
        .isInstanceOf(InvalidIdempotencyKeyException.class);
  }

  private static ScheduledEvent placed(String orderId) {
    return Fixtures.eventBridgeEvent(EVENT_ID, Map.of("orderId", orderId, "total", 120));
  }

  private Receipt receipt(ScheduledEvent event) {
    return receipt((String) event.getDetail().get("orderId"));
  }

  private Receipt receipt(String orderId) {
    return new Receipt(orderId, runs.incrementAndGet());
  }
}

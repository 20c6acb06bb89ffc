package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestLambdaContext;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class EventBridgeIdempotencyIT {

  record Notification(String orderId, int sent) {}

  private static LocalTables table;
  private static EventBridgeIdempotency<ScheduledEvent> events;

  private final AtomicInteger sends = new AtomicInteger();

  @BeforeAll
  static void createTable(DynamoDbLocal db) {
    table = LocalTables.create(db.client(), "eventbridge-adapter-it");
    events = EventBridgeIdempotency.of(table.idempotency("notifications"));
  }

  @AfterAll
  static void dropTable() {
    table.close();
  }

  @Test
  void handle_eventDeliveredTwice_sendsOnceAndReplaysTheStoredResult() {
    ScheduledEvent event =
        Fixtures.eventBridgeEvent(UUID.randomUUID().toString(), Map.of("orderId", "o-7"));
    TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();

    Notification first = events.handle(event, context, Notification.class, this::send);
    Notification second = events.handle(event, context, Notification.class, this::send);

    assertThat(first).isEqualTo(new Notification("o-7", 1));
    assertThat(second).isEqualTo(first);
    assertThat(sends).hasValue(1);
  }

  private Notification send(ScheduledEvent event) {
    return new Notification((String) event.getDetail().get("orderId"), sends.incrementAndGet());
  }
}

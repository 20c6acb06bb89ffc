package dev.idem.functions.inventory;

import static dev.idem.functions.testkit.OrderFixtures.attribute;
import static dev.idem.functions.testkit.OrderFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.idem.events.DomainEvent;
import dev.idem.events.OrderPlaced;
import dev.idem.functions.fulfilment.CapturedOutput;
import dev.idem.functions.testkit.OrderFixtures;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.functions.testkit.SqsEvents;
import dev.idem.testing.CallCounter;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestClock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB calls one inventory message costs, counted by an SDK execution interceptor on the
 * handler's own client: the event's one idempotency record rides in the stock transaction, so a new
 * message is one {@code TransactWriteItems} plus the fulfilment attempt.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ReserveInventoryCallsIT {

  private static final CallCounter calls = new CallCounter();
  private static DynamoDbClient counted;
  private static ReferenceTables tables;

  private final CapturedOutput out = new CapturedOutput();

  @BeforeAll
  static void createTables(DynamoDbLocal dynamoDb) {
    counted = dynamoDb.client(calls);
    tables = ReferenceTables.create(counted);
  }

  @AfterAll
  static void dropTables() {
    tables.drop();
    counted.close();
  }

  @Test
  void handleRequest_newEvent_oneTransactionAndTheFulfilmentAttempt() {
    SQSEvent event = event(OrderFixtures.place(tables, line("SKU-001", 1)));
    ReserveInventoryHandler handler = handler();

    assertThat(callsOf(handler, event))
        .containsExactlyInAnyOrderEntriesOf(Map.of("TransactWriteItems", 1L, "UpdateItem", 1L));
  }

  @Test
  void handleRequest_duplicateInTheSameContainer_onlyTheFulfilmentAttempt() {
    SQSEvent event = event(OrderFixtures.place(tables, line("SKU-001", 1)));
    ReserveInventoryHandler handler = handler();
    handler.handleRequest(event, null);

    // The record is in the container's cache; the fulfilment attempt is repeated in case the
    // first delivery's failed after the commit.
    assertThat(callsOf(handler, event))
        .containsExactlyInAnyOrderEntriesOf(Map.of("UpdateItem", 1L));
  }

  @Test
  void handleRequest_duplicateInAnotherContainer_theRefusedTransactionAndTheFulfilmentAttempt() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-001", 1));
    long stock = tables.stock("SKU-001");
    handler().handleRequest(event(placed), null);

    assertThat(callsOf(handler(), event(placed)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("TransactWriteItems", 1L, "UpdateItem", 1L));
    assertThat(tables.stock("SKU-001")).isEqualTo(stock - 1);
  }

  @Test
  void handleRequest_shortStock_theCancelledTransactionTheStockReadAndTheRejection() {
    DomainEvent<OrderPlaced> placed =
        OrderFixtures.place(tables, line("SKU-012", (int) tables.stock("SKU-012") + 1));

    assertThat(callsOf(handler(), event(placed)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("TransactWriteItems", 1L, "GetItem", 1L, "UpdateItem", 1L));
    assertThat(attribute(tables, placed.data().orderId(), "inventory")).isEqualTo("REJECTED");
  }

  private ReserveInventoryHandler handler() {
    return ReserveInventoryIT.handler(tables, TestClock.atCurrentSecond(), out);
  }

  private static Map<String, Long> callsOf(ReserveInventoryHandler handler, SQSEvent event) {
    calls.reset();
    assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
    return calls.snapshot();
  }

  private static SQSEvent event(DomainEvent<OrderPlaced> placed) {
    return SqsEvents.batch(
        SqsEvents.message("m-" + placed.metadata().eventId(), SqsEvents.eventBridgeBody(placed)));
  }
}

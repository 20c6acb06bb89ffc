package dev.idem.functions.inventory;

import static dev.idem.functions.common.PrimingCalls.DynamoDb.GET_ITEM;
import static dev.idem.functions.common.PrimingCalls.DynamoDb.TRANSACT_WRITE_ITEMS;
import static dev.idem.functions.common.PrimingCalls.DynamoDb.UPDATE_ITEM;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.idem.events.EventType;
import dev.idem.events.OrderPlaced;
import dev.idem.functions.common.Priming;
import dev.idem.functions.common.PrimingCalls;
import dev.idem.functions.fulfilment.EventMessages;
import dev.idem.functions.fulfilment.Fulfilment;
import dev.idem.functions.fulfilment.Idempotencies;
import dev.idem.functions.fulfilment.OrderStore;
import dev.idem.functions.fulfilment.Telemetry;
import dev.idem.idempotency.lambda.SqsBatchIdempotency;
import dev.idem.idempotency.lambda.TransactionalRecordHandler;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * ReserveInventoryFunction: takes {@code OrderPlaced} events from the inventory queue and reserves
 * each order's stock once (see {@link ReserveInventoryService}).
 *
 * <p>Each event has one idempotency record, keyed by its event id (prefix {@value #KEY_PREFIX}):
 * the batch adapter runs in single-transaction mode, so that record is committed in the same {@code
 * TransactWriteItems} as the stock decrements and the order's change, and stock is taken exactly
 * once even when the function dies after that transaction and the event comes back. A new event
 * costs that one transaction (and the fulfilment attempt); a redelivered one finds the record in
 * the same round trip. Failures are reported per message. A body that is not an {@code OrderPlaced}
 * event is reported failed and reaches the dead-letter queue after {@code maxReceiveCount}
 * receives.
 */
public final class ReserveInventoryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  /** The key prefix of the records committed with the stock. */
  public static final String KEY_PREFIX = "reserve-inventory";

  private final SqsBatchIdempotency batch;
  private final TransactionalRecordHandler<SQSMessage, Reservation> handler;

  /** The handler Lambda builds, once per container, from the function's environment. */
  public ReserveInventoryHandler() {
    this(
        ReserveInventoryConfig.fromEnv(System.getenv()),
        Priming.ifSpareCpu(PrimingCalls::orderEvents));
  }

  /** The Lambda handler with its clients from {@code config}, primed by {@code priming}. */
  ReserveInventoryHandler(ReserveInventoryConfig config, Priming priming) {
    this(
        config,
        priming.dynamoDb(config.aws(), GET_ITEM, TRANSACT_WRITE_ITEMS, UPDATE_ITEM),
        Clock.systemUTC(),
        System.out);
  }

  /** A handler over the given collaborators; logs and metrics go to {@code out}. */
  public ReserveInventoryHandler(
      ReserveInventoryConfig config, DynamoDbClient dynamo, Clock clock, PrintStream out) {
    Telemetry telemetry = Telemetry.of(config.serviceName(), out, clock);
    OrderStore orders = new OrderStore(dynamo, config.ordersTable(), clock);
    ReserveInventoryService service =
        new ReserveInventoryService(
            new InventoryStore(dynamo, config.inventoryTable()),
            orders,
            new Fulfilment(orders, telemetry.log(), telemetry.metrics()),
            telemetry);
    EventMessages messages =
        new EventMessages(Set.of(EventType.ORDER_PLACED), telemetry.log(), telemetry.metrics());
    this.batch =
        messages.batch(
            Idempotencies.onTable(
                dynamo, config.idempotencyTable(), KEY_PREFIX, clock, telemetry.idempotency()));
    this.handler = messages.transactionalHandler(OrderPlaced.class, service);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return batch.processInSingleTransaction(event, context, Reservation.class, handler);
  }
}

package dev.idem.functions.payments;

import static dev.idem.functions.common.PrimingCalls.DynamoDb.GET_ITEM;
import static dev.idem.functions.common.PrimingCalls.DynamoDb.PUT_ITEM;
import static dev.idem.functions.common.PrimingCalls.DynamoDb.UPDATE_ITEM;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.idem.events.EventType;
import dev.idem.events.OrderPlaced;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.Priming;
import dev.idem.functions.common.PrimingCalls;
import dev.idem.functions.common.ProviderClient;
import dev.idem.functions.fulfilment.EventMessages;
import dev.idem.functions.fulfilment.Fulfilment;
import dev.idem.functions.fulfilment.Idempotencies;
import dev.idem.functions.fulfilment.OrderStore;
import dev.idem.functions.fulfilment.Telemetry;
import dev.idem.idempotency.lambda.RecordHandler;
import dev.idem.idempotency.lambda.SqsBatchIdempotency;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * CapturePaymentFunction: takes {@code OrderPlaced} events from the payments queue and captures
 * each order's payment at most once per event (key: the event id, prefix {@value #KEY_PREFIX}).
 * Messages that fail — the provider timed out or answered 5xx, a body that is no {@code
 * OrderPlaced} event — are reported in {@code batchItemFailures}: the queue delivers them again
 * after the visibility timeout and moves them to the dead-letter queue after {@code
 * maxReceiveCount}. A failed charge releases the event's key, and the retry charges under the same
 * provider {@code Idempotency-Key}, so an order is never charged twice.
 */
public final class CapturePaymentHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  /** The idempotency key prefix of this function's records. */
  public static final String KEY_PREFIX = "capture-payment";

  private final SqsBatchIdempotency batch;
  private final RecordHandler<SQSMessage> handler;

  /** The handler Lambda builds, once per container, from the function's environment. */
  public CapturePaymentHandler() {
    this(
        CapturePaymentConfig.fromEnv(System.getenv()),
        Priming.ifSpareCpu(PrimingCalls::orderEvents));
  }

  private CapturePaymentHandler(CapturePaymentConfig config, Priming priming) {
    this(
        config,
        priming.dynamoDb(config.aws(), PUT_ITEM, GET_ITEM, UPDATE_ITEM),
        Clock.systemUTC(),
        System.out);
  }

  /** A handler over the given collaborators; logs and metrics go to {@code out}. */
  public CapturePaymentHandler(
      CapturePaymentConfig config, DynamoDbClient dynamo, Clock clock, PrintStream out) {
    Telemetry telemetry = Telemetry.of(config.serviceName(), out, clock);
    OrderStore orders = new OrderStore(dynamo, config.ordersTable(), clock);
    ProviderClient client =
        new ProviderClient(config.paymentProviderUrl(), config.providerTimeout());
    CapturePaymentService service =
        new CapturePaymentService(
            orders,
            new PaymentProvider(client, Json.mapper()),
            new Fulfilment(orders, telemetry.log(), telemetry.metrics()),
            telemetry);
    EventMessages messages =
        new EventMessages(Set.of(EventType.ORDER_PLACED), telemetry.log(), telemetry.metrics());
    this.batch =
        messages.batch(
            Idempotencies.onTable(
                dynamo, config.idempotencyTable(), KEY_PREFIX, clock, telemetry.idempotency()));
    this.handler = messages.handler(OrderPlaced.class, service::capture);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return batch.process(event, context, handler);
  }
}

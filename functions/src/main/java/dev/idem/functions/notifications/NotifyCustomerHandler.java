package dev.idem.functions.notifications;

import static dev.idem.functions.common.PrimingCalls.DynamoDb.PUT_ITEM;
import static dev.idem.functions.common.PrimingCalls.DynamoDb.UPDATE_ITEM;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.idem.events.OrderEventData;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.Priming;
import dev.idem.functions.common.PrimingCalls;
import dev.idem.functions.common.ProviderClient;
import dev.idem.functions.fulfilment.EventMessages;
import dev.idem.functions.fulfilment.Idempotencies;
import dev.idem.functions.fulfilment.Telemetry;
import dev.idem.idempotency.lambda.RecordHandler;
import dev.idem.idempotency.lambda.SqsBatchIdempotency;
import java.io.PrintStream;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * NotifyCustomerFunction: takes {@code PaymentCaptured}, {@code PaymentFailed}, {@code
 * InventoryReserved} and {@code InventoryRejected} events from the notifications queue and sends
 * one message per event (key: the event id, prefix {@value #KEY_PREFIX}), so a redelivered or
 * republished event never sends twice. A provider timeout or 5xx fails the message, which the queue
 * delivers again; other bodies are reported failed and reach the dead-letter queue after {@code
 * maxReceiveCount} receives.
 */
public final class NotifyCustomerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  /** The idempotency key prefix of this function's records. */
  public static final String KEY_PREFIX = "notify-customer";

  private final SqsBatchIdempotency batch;
  private final RecordHandler<SQSMessage> handler;

  /** The handler Lambda builds, once per container, from the function's environment. */
  public NotifyCustomerHandler() {
    this(
        NotifyCustomerConfig.fromEnv(System.getenv()),
        Priming.ifSpareCpu(PrimingCalls::orderEvents));
  }

  private NotifyCustomerHandler(NotifyCustomerConfig config, Priming priming) {
    this(
        config,
        priming.dynamoDb(config.aws(), PUT_ITEM, UPDATE_ITEM),
        Clock.systemUTC(),
        System.out);
  }

  /** A handler over the given collaborators; logs and metrics go to {@code out}. */
  public NotifyCustomerHandler(
      NotifyCustomerConfig config, DynamoDbClient dynamo, Clock clock, PrintStream out) {
    Telemetry telemetry = Telemetry.of(config.serviceName(), out, clock);
    NotifyCustomerService service =
        new NotifyCustomerService(
            new ProviderClient(config.notificationProviderUrl(), config.providerTimeout()),
            Json.mapper(),
            telemetry);
    EventMessages messages =
        new EventMessages(NotifyCustomerService.NOTIFIED, telemetry.log(), telemetry.metrics());
    this.batch =
        messages.batch(
            Idempotencies.onTable(
                dynamo, config.idempotencyTable(), KEY_PREFIX, clock, telemetry.idempotency()));
    this.handler = messages.handler(OrderEventData.class, service::send);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return batch.process(event, context, handler);
  }
}

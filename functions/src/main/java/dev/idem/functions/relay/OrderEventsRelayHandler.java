package dev.idem.functions.relay;

import static dev.idem.functions.common.PrimingCalls.DynamoDb.PUT_ITEM;
import static dev.idem.functions.common.PrimingCalls.DynamoDb.UPDATE_ITEM;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.idem.events.publish.EventBridgePublisher;
import dev.idem.functions.common.AwsClients;
import dev.idem.functions.common.EmfMetrics;
import dev.idem.functions.common.Env;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.JsonLog;
import dev.idem.functions.common.Priming;
import dev.idem.functions.common.PrimingCalls;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.dynamodb.DynamoDbIdempotencyStore;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * OrderEventsRelayFunction: the Orders table's stream to EventBridge. Enable {@code
 * ReportBatchItemFailures} on the event source mapping. Clients are built once per container.
 */
public final class OrderEventsRelayHandler
    implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  private final OrderEventsRelayService service;

  /** The Lambda runtime's constructor: configuration from the environment. */
  public OrderEventsRelayHandler() {
    this(primed(System.getenv(), Priming.ifSpareCpu(PrimingCalls::orderEvents)));
  }

  /** A handler configured by {@code environment}. */
  public OrderEventsRelayHandler(Map<String, String> environment) {
    this(create(OrderEventsRelayConfig.fromEnv(environment), new Env(environment)));
  }

  /** A handler over a service built by the caller (tests). */
  public OrderEventsRelayHandler(OrderEventsRelayService service) {
    this.service = service;
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return service.relay(event, context);
  }

  private static OrderEventsRelayService primed(Map<String, String> environment, Priming priming) {
    OrderEventsRelayConfig config = OrderEventsRelayConfig.fromEnv(environment);
    return create(
        config,
        new Env(environment),
        priming.dynamoDb(config.aws(), PUT_ITEM, UPDATE_ITEM),
        priming.eventBridge(config.aws()));
  }

  private static OrderEventsRelayService create(OrderEventsRelayConfig config, Env env) {
    return create(
        config, env, AwsClients.dynamoDb(config.aws()), AwsClients.eventBridge(config.aws()));
  }

  private static OrderEventsRelayService create(
      OrderEventsRelayConfig config, Env env, DynamoDbClient dynamo, EventBridgeClient events) {
    Idempotency idempotency =
        Idempotency.builder()
            .store(
                DynamoDbIdempotencyStore.builder()
                    .client(dynamo)
                    .tableName(config.idempotencyTable())
                    .build())
            .keyPrefix(OrderEventsRelayService.KEY_PREFIX)
            .build();
    return new OrderEventsRelayService(
        idempotency,
        new EventBridgePublisher(events),
        config.eventBusName(),
        JsonLog.fromEnv(env, Json.mapper()),
        EmfMetrics.fromEnv(env));
  }
}

package dev.idem.functions.orders;

import static dev.idem.functions.common.PrimingCalls.DynamoDb.BATCH_GET_ITEM;
import static dev.idem.functions.common.PrimingCalls.DynamoDb.TRANSACT_WRITE_ITEMS;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.idem.functions.common.AwsClients;
import dev.idem.functions.common.EmfMetrics;
import dev.idem.functions.common.Env;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.JsonLog;
import dev.idem.functions.common.Priming;
import dev.idem.functions.common.PrimingCalls;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.dynamodb.DynamoDbIdempotencyStore;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** PlaceOrderFunction: {@code POST /orders}. Clients and service are built once per container. */
public final class PlaceOrderHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private final PlaceOrderService service;

  /** The Lambda runtime's constructor: configuration from the environment. */
  public PlaceOrderHandler() {
    this(primed(System.getenv(), Priming.ifSpareCpu(PrimingCalls::json)));
  }

  /** A handler configured by {@code environment}, with the system clock. */
  public PlaceOrderHandler(Map<String, String> environment) {
    this(create(PlaceOrderConfig.fromEnv(environment), new Env(environment)));
  }

  /** A handler over a service built by the caller (tests). */
  public PlaceOrderHandler(PlaceOrderService service) {
    this.service = service;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return service.place(event, context);
  }

  private static PlaceOrderService primed(Map<String, String> environment, Priming priming) {
    PlaceOrderConfig config = PlaceOrderConfig.fromEnv(environment);
    return create(
        config,
        new Env(environment),
        priming.dynamoDb(config.aws(), BATCH_GET_ITEM, TRANSACT_WRITE_ITEMS));
  }

  private static PlaceOrderService create(PlaceOrderConfig config, Env env) {
    return create(config, env, AwsClients.dynamoDb(config.aws()));
  }

  private static PlaceOrderService create(PlaceOrderConfig config, Env env, DynamoDbClient dynamo) {
    Clock clock = Clock.systemUTC();
    Idempotency idempotency =
        Idempotency.builder()
            .store(
                DynamoDbIdempotencyStore.builder()
                    .client(dynamo)
                    .tableName(config.idempotencyTable())
                    .build())
            .keyPrefix(PlaceOrderService.KEY_PREFIX)
            .clock(clock)
            .build();
    return new PlaceOrderService(
        idempotency,
        new Catalog(dynamo, config.catalogTable()),
        new OrderTable(dynamo, config.ordersTable()),
        clock,
        UUID::randomUUID,
        JsonLog.fromEnv(env, Json.mapper()),
        EmfMetrics.fromEnv(env));
  }
}

package dev.idem.functions.orders;

import static dev.idem.functions.common.PrimingCalls.DynamoDb.GET_ITEM;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.idem.functions.common.AwsClients;
import dev.idem.functions.common.Env;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.JsonLog;
import dev.idem.functions.common.Priming;
import dev.idem.functions.common.PrimingCalls;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** GetOrderFunction: {@code GET /orders/{orderId}}. The client is built once per container. */
public final class GetOrderHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private final GetOrderService service;

  /** The Lambda runtime's constructor: configuration from the environment. */
  public GetOrderHandler() {
    this(primed(System.getenv(), Priming.ifSpareCpu(PrimingCalls::json)));
  }

  /** A handler configured by {@code environment}. */
  public GetOrderHandler(Map<String, String> environment) {
    this(create(GetOrderConfig.fromEnv(environment), new Env(environment)));
  }

  /** A handler over a service built by the caller (tests). */
  public GetOrderHandler(GetOrderService service) {
    this.service = service;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return service.get(event);
  }

  private static GetOrderService primed(Map<String, String> environment, Priming priming) {
    GetOrderConfig config = GetOrderConfig.fromEnv(environment);
    return create(config, new Env(environment), priming.dynamoDb(config.aws(), GET_ITEM));
  }

  private static GetOrderService create(GetOrderConfig config, Env env) {
    return create(config, env, AwsClients.dynamoDb(config.aws()));
  }

  private static GetOrderService create(GetOrderConfig config, Env env, DynamoDbClient dynamo) {
    return new GetOrderService(
        new OrderTable(dynamo, config.ordersTable()), JsonLog.fromEnv(env, Json.mapper()));
  }
}

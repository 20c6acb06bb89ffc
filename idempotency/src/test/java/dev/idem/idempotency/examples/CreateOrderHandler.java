package dev.idem.idempotency.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.lambda.HttpIdempotency;
import dev.idem.idempotency.spi.IdempotencyStore;
import java.util.UUID;

/** The README's API Gateway example, compiled and run by {@code ReadmeExamplesTest}. */
public final class CreateOrderHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private final HttpIdempotency<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> http;

  public CreateOrderHandler(IdempotencyStore store) { // e.g. a DynamoDbIdempotencyStore
    this.http =
        HttpIdempotency.restApi(Idempotency.builder().store(store).keyPrefix("orders").build());
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context ctx) {
    return http.handle(event, ctx, request -> createOrder(request.getBody()));
  }

  private APIGatewayProxyResponseEvent createOrder(String body) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(201)
        .withBody("{\"orderId\":\"" + UUID.randomUUID() + "\"}");
  }
}

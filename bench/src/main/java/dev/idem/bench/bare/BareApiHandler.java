package dev.idem.bench.bare;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;

/**
 * An API Gateway proxy handler that makes one {@link BareCall}, keyed by the path parameter named
 * like the table's key when the request has one (as {@code GET /orders/{orderId}}).
 */
public final class BareApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private final BareCall call = BareCall.fromEnv(System.getenv());

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    Map<String, String> path = event.getPathParameters();
    int items = call.run(path == null ? null : path.get(call.keyAttribute()));
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(200)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody("{\"items\":" + items + "}");
  }
}

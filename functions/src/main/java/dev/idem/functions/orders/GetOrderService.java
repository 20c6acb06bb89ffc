package dev.idem.functions.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.JsonLog;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads one order: {@code GET /orders/{orderId}}, with strong consistency, so a client sees its
 * order right after placing it. 400 when the id is not a UUID, 404 when there is no such order.
 */
public final class GetOrderService {

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final OrderTable orders;
  private final JsonLog log;
  private final OrderResponses responses = new OrderResponses(Json.mapper());

  /** A service reading {@code orders}. */
  public GetOrderService(OrderTable orders, JsonLog log) {
    this.orders = orders;
    this.log = log;
  }

  /** Handles one {@code GET /orders/{orderId}}; never throws for a bad request. */
  public APIGatewayProxyResponseEvent get(APIGatewayProxyRequestEvent request) {
    Optional<RequestIds> ids = RequestIds.of(request, () -> UUID.randomUUID().toString());
    if (ids.isEmpty()) {
      return responses.invalidCorrelationId();
    }
    String correlationId = ids.get().correlationId();
    String orderId = orderId(request);
    if (orderId == null || !UUID_TEXT.matcher(orderId).matches()) {
      return responses.problem(
          400, "invalid-request", "Invalid request", "orderId must be a UUID", correlationId);
    }
    try {
      return orders
          .find(orderId.toLowerCase())
          .map(order -> responses.ok(order, correlationId))
          .orElseGet(() -> notFound(orderId, correlationId));
    } catch (SdkException e) {
      log.warn("order read failed", correlationId, Map.of("orderId", orderId));
      return responses.unavailable("The order could not be read; retry.", correlationId);
    }
  }

  private APIGatewayProxyResponseEvent notFound(String orderId, String correlationId) {
    log.info("order not found", correlationId, Map.of("orderId", orderId));
    return responses.problem(
        404, "order-not-found", "Order not found", "No order " + orderId, correlationId);
  }

  private static String orderId(APIGatewayProxyRequestEvent request) {
    Map<String, String> parameters = request.getPathParameters();
    return parameters == null ? null : parameters.get("orderId");
  }
}

package dev.idem.functions.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.functions.common.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;

/** The orders API's responses, each echoing the correlation id in {@code X-Correlation-Id}. */
final class OrderResponses {

  private final ApiResponses responses;

  OrderResponses(ObjectMapper mapper) {
    this.responses = new ApiResponses(mapper);
  }

  APIGatewayProxyResponseEvent created(Order order, String correlationId) {
    return responses.json(
        201,
        OrderView.placed(order),
        Map.of(
            "Location",
            "/orders/" + order.orderId(),
            RequestIds.CORRELATION_HEADER,
            correlationId));
  }

  APIGatewayProxyResponseEvent ok(Order order, String correlationId) {
    return responses.json(
        200, OrderView.full(order), Map.of(RequestIds.CORRELATION_HEADER, correlationId));
  }

  APIGatewayProxyResponseEvent problem(
      int status, String type, String title, String detail, String correlationId) {
    return withCorrelation(responses.problem(status, type, title, detail), correlationId);
  }

  /** A 503 problem: nothing was written, the client retries (with the same key, if any). */
  APIGatewayProxyResponseEvent unavailable(String detail, String correlationId) {
    APIGatewayProxyResponseEvent response =
        problem(
            503, "service-unavailable", "Service temporarily unavailable", detail, correlationId);
    response.getHeaders().put("Retry-After", "1");
    return response;
  }

  /** The invalid correlation header, refused before anything else. */
  APIGatewayProxyResponseEvent invalidCorrelationId() {
    return responses.problem(
        400,
        "invalid-request",
        "Invalid request",
        RequestIds.CORRELATION_HEADER
            + " must be 1 to 128 characters of A-Z a-z 0-9 . _ : / + = -");
  }

  /** {@code response} with {@code X-Correlation-Id}, unless it has one or the id is null. */
  static APIGatewayProxyResponseEvent withCorrelation(
      APIGatewayProxyResponseEvent response, String correlationId) {
    Map<String, String> headers =
        response.getHeaders() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(response.getHeaders());
    if (correlationId != null) {
      headers.putIfAbsent(RequestIds.CORRELATION_HEADER, correlationId);
    }
    return response.withHeaders(headers);
  }
}

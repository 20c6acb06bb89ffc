package dev.idem.functions.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.functions.common.EmfMetrics;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.JsonLog;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.TransactionWrites;
import dev.idem.idempotency.lambda.HttpIdempotency;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Places orders: {@code POST /orders}, at most once per {@code Idempotency-Key}.
 *
 * <p>The body is checked first, before the {@code Idempotency-Key} and before any read: over
 * {@value #MAX_BODY_BYTES} bytes it gets 413, and unless it is exactly what {@link
 * PlaceOrderRequestParser} (the request schema) accepts, 400 naming the field. Such a request never
 * reaches the store, so it neither uses up its key nor conflicts with it. A valid body is priced
 * from the catalog, and the new order is written in the same DynamoDB transaction as the
 * idempotency record (the library's single-transaction mode): the order exists if and only if its
 * response is stored. A duplicate gets the stored 201 with {@code Idempotent-Replayed: true}; the
 * same key with another body 422; a request still running 409. A refused request (4xx) or an
 * unavailable dependency (503) writes nothing at all — no order and no record — so the client may
 * correct the request and send it again under the same key. Every refusal is {@code
 * application/problem+json}.
 *
 * <p>In single-transaction mode the request is priced before the key is checked, so a duplicate
 * costs a catalog read; and a duplicate that the catalog can no longer price (an item withdrawn
 * since) is refused instead of replayed.
 */
public final class PlaceOrderService {

  /** The idempotency key prefix of this operation; stable across deployments. */
  public static final String KEY_PREFIX = "place-order";

  /**
   * The largest body accepted, in bytes of the body as the client sent it (decoded first when API
   * Gateway delivers it base64): 64 KiB. The largest valid order, indented and with its SKUs
   * written as JSON unicode escapes, is about 40 KB; a larger body gets 413 before it is parsed.
   */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final ObjectMapper MAPPER = Json.mapper();

  private final HttpIdempotency<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> http;
  private final PlaceOrderRequestParser parser = new PlaceOrderRequestParser(MAPPER);
  private final OrderResponses responses = new OrderResponses(MAPPER);
  private final Catalog catalog;
  private final OrderTable orders;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final JsonLog log;
  private final EmfMetrics metrics;

  /**
   * A service over its collaborators.
   *
   * @param idempotency over a transactional store, with key prefix {@link #KEY_PREFIX}
   * @param ids the source of order ids (and of correlation ids when a request brings none)
   */
  public PlaceOrderService(
      Idempotency idempotency,
      Catalog catalog,
      OrderTable orders,
      Clock clock,
      Supplier<UUID> ids,
      JsonLog log,
      EmfMetrics metrics) {
    // Refusals write nothing, so a corrected request may reuse its key.
    this.http =
        HttpIdempotency.restApiBuilder(idempotency)
            .retryWhenStatus(status -> status >= 400)
            .build();
    this.catalog = catalog;
    this.orders = orders;
    this.clock = clock;
    this.ids = ids;
    this.log = log;
    this.metrics = metrics;
  }

  /** Handles one {@code POST /orders}; never throws for a bad request. */
  public APIGatewayProxyResponseEvent place(APIGatewayProxyRequestEvent request, Context context) {
    Optional<RequestIds> requestIds = RequestIds.of(request, () -> ids.get().toString());
    if (requestIds.isEmpty()) {
      return report(responses.invalidCorrelationId());
    }
    String correlationId = requestIds.get().correlationId();
    APIGatewayProxyResponseEvent response =
        switch (RequestBodies.read(request, MAX_BODY_BYTES)) {
          case RequestBodies.TooLarge tooLarge ->
              responses.problem(
                  413,
                  "content-too-large",
                  "Content too large",
                  "The request body must be at most " + MAX_BODY_BYTES + " bytes",
                  correlationId);
          case RequestBodies.Text text -> parsed(request, context, text.text(), requestIds.get());
        };
    return report(response);
  }

  private APIGatewayProxyResponseEvent parsed(
      APIGatewayProxyRequestEvent request, Context context, String body, RequestIds requestIds) {
    return switch (parser.parse(body)) {
      case PlaceOrderRequestParser.Parsed.Invalid invalid ->
          responses.problem(
              400,
              "invalid-request",
              "Invalid request",
              invalid.detail(),
              requestIds.correlationId());
      case PlaceOrderRequestParser.Parsed.Valid valid ->
          placeOnce(request, context, valid.request(), requestIds);
    };
  }

  private APIGatewayProxyResponseEvent placeOnce(
      APIGatewayProxyRequestEvent request,
      Context context,
      PlaceOrderRequest order,
      RequestIds requestIds) {
    String correlationId = requestIds.correlationId();
    APIGatewayProxyResponseEvent response =
        switch (http.handleInSingleTransaction(
            request, context, (event, writes) -> price(order, requestIds, writes))) {
          case Outcome.Done<APIGatewayProxyResponseEvent>(var placed, var replayed) -> placed;
          // The new order's id was taken (attribute_not_exists failed): nothing was written.
          case Outcome.Rejected<APIGatewayProxyResponseEvent> idTaken ->
              responses.unavailable("The order could not be stored; retry.", correlationId);
        };
    return OrderResponses.withCorrelation(response, correlationId);
  }

  private APIGatewayProxyResponseEvent price(
      PlaceOrderRequest request, RequestIds requestIds, TransactionWrites writes) {
    String correlationId = requestIds.correlationId();
    Map<String, CatalogItem> items;
    try {
      items = catalog.find(request.skus());
    } catch (SdkException | CatalogUnavailableException e) {
      return responses.unavailable("The catalog could not be read; retry.", correlationId);
    }
    return switch (Pricing.price(request, items)) {
      case Pricing.Priced.Refused refused ->
          responses.problem(422, refused.type(), refused.title(), refused.detail(), correlationId);
      case Pricing.Priced.Ok ok -> {
        Order order = newOrder(request, ok.lines(), requestIds);
        writes.put(orders.putNew(order));
        yield responses.created(order, correlationId);
      }
    };
  }

  private Order newOrder(PlaceOrderRequest request, PricedLines lines, RequestIds requestIds) {
    return Order.placed(
        ids.get().toString(),
        request.customerId(),
        request.currency(),
        lines,
        requestIds.correlationId(),
        requestIds.causationId(),
        clock.instant().truncatedTo(ChronoUnit.MILLIS));
  }

  /** Logs and counts the outcome, under the correlation id the response carries. */
  private APIGatewayProxyResponseEvent report(APIGatewayProxyResponseEvent response) {
    int status = response.getStatusCode();
    Map<String, String> headers = response.getHeaders();
    String correlationId = headers.get(RequestIds.CORRELATION_HEADER);
    if ("true".equals(headers.get(HttpIdempotency.REPLAYED_HEADER))) {
      log.info("order request replayed", correlationId, Map.of("status", status));
      metrics.count("OrderRequestsReplayed", 1);
    } else if (status == 201) {
      String orderId = headers.get("Location").substring("/orders/".length());
      log.info("order placed", correlationId, Map.of("orderId", orderId));
      metrics.count("OrdersPlaced", 1);
    } else {
      log.warn("order request refused", correlationId, Map.of("status", status));
      metrics.count(status >= 500 ? "OrderRequestsFailed" : "OrderRequestsRefused", 1);
    }
    return response;
  }
}

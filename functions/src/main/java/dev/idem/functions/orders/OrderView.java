package dev.idem.functions.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An order as the API shows it. {@code POST /orders} answers with the placed view, {@code GET} with
 * the full one; members that are null are left out.
 *
 * @param orderId the order's id
 * @param customerId who placed it
 * @param currency ISO-4217 code of the amounts
 * @param total the total in minor units
 * @param lines the priced lines
 * @param status the order's status
 * @param inventory whether its stock is reserved (full view only)
 * @param paymentId the payment's id, once paid (full view only)
 * @param failureReason why payment or reservation failed, if one did (full view only)
 * @param createdAt when it was placed
 * @param updatedAt when it last changed (full view only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
    String orderId,
    String customerId,
    String currency,
    long total,
    List<OrderLine> lines,
    OrderStatus status,
    InventoryStatus inventory,
    String paymentId,
    String failureReason,
    Instant createdAt,
    Instant updatedAt) {

  /** What {@code POST /orders} returns for a new order. */
  public static OrderView placed(Order order) {
    return new OrderView(
        order.orderId(),
        order.customerId(),
        order.currency(),
        order.total(),
        order.lines(),
        order.status(),
        null,
        null,
        null,
        order.createdAt(),
        null);
  }

  /** What {@code GET /orders/{orderId}} returns. */
  public static OrderView full(Order order) {
    return new OrderView(
        order.orderId(),
        order.customerId(),
        order.currency(),
        order.total(),
        order.lines(),
        order.status(),
        order.inventory(),
        order.paymentId(),
        order.failureReason(),
        order.createdAt(),
        order.updatedAt());
  }
}

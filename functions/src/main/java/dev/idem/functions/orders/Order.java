package dev.idem.functions.orders;

import java.time.Instant;
import java.util.List;

/**
 * An order as the Orders table holds it. Money is in minor units of {@code currency}.
 *
 * @param orderId a random UUID
 * @param customerId who placed it
 * @param currency ISO-4217 code of every amount
 * @param total the sum of the lines' totals
 * @param lines what was ordered, at the catalog's prices
 * @param status where the order is in its life
 * @param inventory whether its stock is reserved
 * @param paymentId the payment provider's id, once paid; else null
 * @param failureReason why payment or reservation failed; else null
 * @param correlationId the id of the request that started the flow, carried by every event
 * @param causationId the id of what caused the latest change (the HTTP request for a new order)
 * @param createdAt when it was placed
 * @param updatedAt when it last changed
 * @param version 1 when placed, +1 per change
 */
public record Order(
    String orderId,
    String customerId,
    String currency,
    long total,
    List<OrderLine> lines,
    OrderStatus status,
    InventoryStatus inventory,
    String paymentId,
    String failureReason,
    String correlationId,
    String causationId,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Order {
    lines = List.copyOf(lines);
  }

  /** A new order: PLACED, inventory PENDING, version 1, created and updated {@code now}. */
  public static Order placed(
      String orderId,
      String customerId,
      String currency,
      PricedLines priced,
      String correlationId,
      String causationId,
      Instant now) {
    return new Order(
        orderId,
        customerId,
        currency,
        priced.total(),
        priced.lines(),
        OrderStatus.PLACED,
        InventoryStatus.PENDING,
        null,
        null,
        correlationId,
        causationId,
        now,
        now,
        1);
  }
}

package dev.idem.functions.inventory;

import dev.idem.functions.orders.InventoryStatus;
import java.util.List;

/**
 * The outcome of reserving an order's stock, as stored with the event's idempotency record.
 *
 * @param inventory {@code RESERVED}, or {@code REJECTED} when stock was short
 * @param shortfalls the lines that could not be served; empty when reserved
 */
public record Reservation(InventoryStatus inventory, List<Shortfall> shortfalls) {

  public Reservation {
    shortfalls = List.copyOf(shortfalls);
  }

  /** The SKUs that were short. */
  public List<String> shortSkus() {
    return shortfalls.stream().map(Shortfall::sku).toList();
  }

  /**
   * A line the stock could not serve.
   *
   * @param sku the item
   * @param requested how many the order wants
   * @param available how many were in stock when checked
   */
  public record Shortfall(String sku, int requested, long available) {}
}

package dev.idem.events;

import java.util.List;

/**
 * Stock for every line of the order was reserved ({@code idem.inventory}).
 *
 * @param orderId the order
 * @param lines what was reserved, at least one line
 */
public record InventoryReserved(String orderId, List<Line> lines) implements OrderEventData {

  public InventoryReserved {
    Checks.text(orderId, "orderId");
    lines = Checks.nonEmpty(lines, "lines");
  }

  @Override
  public EventType type() {
    return EventType.INVENTORY_RESERVED;
  }

  /**
   * One reserved item.
   *
   * @param sku the catalog item
   * @param quantity how many were reserved, at least 1
   */
  public record Line(String sku, int quantity) {

    public Line {
      Checks.text(sku, "sku");
      Checks.positive(quantity, "quantity");
    }
  }
}

package dev.idem.events;

import java.util.List;

/**
 * An order was accepted ({@code idem.orders}). Starts payment and inventory reservation.
 *
 * @param orderId the order
 * @param customerId who placed it
 * @param currency ISO-4217 code of every amount in the order
 * @param total the order's total in minor units (cents)
 * @param lines what was ordered, at least one line
 */
public record OrderPlaced(
    String orderId, String customerId, String currency, long total, List<Line> lines)
    implements OrderEventData {

  public OrderPlaced {
    Checks.text(orderId, "orderId");
    Checks.text(customerId, "customerId");
    Checks.currency(currency);
    Checks.notNegative(total, "total");
    lines = Checks.nonEmpty(lines, "lines");
  }

  @Override
  public EventType type() {
    return EventType.ORDER_PLACED;
  }

  /**
   * One ordered item.
   *
   * @param sku the catalog item
   * @param quantity how many, at least 1
   * @param unitPrice the price of one, in minor units of the order's currency
   */
  public record Line(String sku, int quantity, long unitPrice) {

    public Line {
      Checks.text(sku, "sku");
      Checks.positive(quantity, "quantity");
      Checks.notNegative(unitPrice, "unitPrice");
    }
  }
}

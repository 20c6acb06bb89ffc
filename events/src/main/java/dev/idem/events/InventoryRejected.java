package dev.idem.events;

import java.util.List;

/**
 * Stock could not be reserved; nothing was reserved ({@code idem.inventory}).
 *
 * @param orderId the order
 * @param reason why, for example {@code out of stock}
 * @param skus the items that were short, at least one
 */
public record InventoryRejected(String orderId, String reason, List<String> skus)
    implements OrderEventData {

  public InventoryRejected {
    Checks.text(orderId, "orderId");
    Checks.text(reason, "reason");
    skus = Checks.nonEmpty(skus, "skus");
    skus.forEach(sku -> Checks.text(sku, "skus[]"));
  }

  @Override
  public EventType type() {
    return EventType.INVENTORY_REJECTED;
  }
}

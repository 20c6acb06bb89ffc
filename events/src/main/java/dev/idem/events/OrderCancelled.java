package dev.idem.events;

/**
 * The order will not be fulfilled ({@code idem.orders}).
 *
 * @param orderId the order
 * @param reason why, for example {@code out of stock} or {@code card_declined}
 */
public record OrderCancelled(String orderId, String reason) implements OrderEventData {

  public OrderCancelled {
    Checks.text(orderId, "orderId");
    Checks.text(reason, "reason");
  }

  @Override
  public EventType type() {
    return EventType.ORDER_CANCELLED;
  }
}

package dev.idem.events;

/**
 * The order is paid and its stock reserved ({@code idem.orders}).
 *
 * @param orderId the order
 */
public record OrderFulfilled(String orderId) implements OrderEventData {

  public OrderFulfilled {
    Checks.text(orderId, "orderId");
  }

  @Override
  public EventType type() {
    return EventType.ORDER_FULFILLED;
  }
}

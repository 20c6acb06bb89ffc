package dev.idem.events;

/**
 * The payment provider refused the charge for good ({@code idem.payments}).
 *
 * @param orderId the order
 * @param reason the provider's reason, for example {@code card_declined}
 */
public record PaymentFailed(String orderId, String reason) implements OrderEventData {

  public PaymentFailed {
    Checks.text(orderId, "orderId");
    Checks.text(reason, "reason");
  }

  @Override
  public EventType type() {
    return EventType.PAYMENT_FAILED;
  }
}

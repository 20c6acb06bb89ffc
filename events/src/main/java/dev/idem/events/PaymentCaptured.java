package dev.idem.events;

/**
 * The payment provider charged the order ({@code idem.payments}).
 *
 * @param orderId the order
 * @param paymentId the provider's id of the charge
 * @param amount the amount charged in minor units
 * @param currency ISO-4217 code of the amount
 */
public record PaymentCaptured(String orderId, String paymentId, long amount, String currency)
    implements OrderEventData {

  public PaymentCaptured {
    Checks.text(orderId, "orderId");
    Checks.text(paymentId, "paymentId");
    Checks.notNegative(amount, "amount");
    Checks.currency(currency);
  }

  @Override
  public EventType type() {
    return EventType.PAYMENT_CAPTURED;
  }
}

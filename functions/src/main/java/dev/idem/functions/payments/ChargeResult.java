package dev.idem.functions.payments;

/** What the payment provider made of a charge. */
public sealed interface ChargeResult {

  /**
   * The provider charged the order.
   *
   * @param paymentId the provider's id of the charge
   */
  record Captured(String paymentId) implements ChargeResult {}

  /**
   * The provider declined the charge; final, a retry would be declined too.
   *
   * @param reason the provider's reason, for example {@code card_declined}
   */
  record Declined(String reason) implements ChargeResult {}
}

package dev.idem.functions.fulfilment;

/** The order's {@code status} attribute. */
public enum OrderStatus {
  PLACED,
  PAID,
  PAYMENT_FAILED,
  FULFILLED,
  CANCELLED
}

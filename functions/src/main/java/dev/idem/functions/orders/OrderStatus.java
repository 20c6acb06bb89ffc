package dev.idem.functions.orders;

/** Where an order is in its life; see the design's "Order life". */
public enum OrderStatus {
  /** Accepted, priced, waiting for payment and stock. */
  PLACED,
  /** The payment was captured. */
  PAID,
  /** The payment provider refused the charge for good. */
  PAYMENT_FAILED,
  /** Paid and its stock reserved. */
  FULFILLED,
  /** Will not be fulfilled (for example out of stock). */
  CANCELLED
}

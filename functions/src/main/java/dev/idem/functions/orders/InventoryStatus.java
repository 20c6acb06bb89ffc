package dev.idem.functions.orders;

/** Whether an order's stock is reserved. */
public enum InventoryStatus {
  /** Not yet decided. */
  PENDING,
  /** Every line's stock is reserved. */
  RESERVED,
  /** Some line was short; nothing was reserved. */
  REJECTED
}

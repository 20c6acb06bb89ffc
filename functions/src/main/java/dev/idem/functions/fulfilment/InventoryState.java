package dev.idem.functions.fulfilment;

/** The order's {@code inventory} attribute: whether its stock is reserved. */
public enum InventoryState {
  PENDING,
  RESERVED,
  REJECTED
}

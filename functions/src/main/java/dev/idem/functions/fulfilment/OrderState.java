package dev.idem.functions.fulfilment;

/**
 * Where an order stands.
 *
 * @param orderId the order
 * @param status its status
 * @param inventory whether its stock is reserved
 */
public record OrderState(String orderId, OrderStatus status, InventoryState inventory) {}
